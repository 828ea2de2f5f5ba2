//! Every way of running forever ends with the instruction budget, at the right line, and the
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
    assert_eq!(*reason, StopReason::InstructionBudget, "{source}");
    assert_eq!(error.type_name, "InstructionLimitExceeded", "{source}");
    assert_eq!(
        error.message,
        format!(
            "stopped after 200,000 instructions (the instruction budget) — is there an infinite loop? (line {line})"
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
    // The count is what ran: the budget, then what the program's handlers ran on the way
    // out (each of them stopped again at its next call or jump).
    assert!(
        (BUDGET..BUDGET + 20_000).contains(&report.instructions),
        "{source}: {} instructions",
        report.instructions
    );
    assert!(
        !harness.stdout().contains("escaped"),
        "{source} carried on after the stop"
    );
}

#[test]
fn every_infinite_program_is_stopped_at_its_line() {
    let cases: &[(&str, u32)] = &[
        ("while True: pass\n", 1),
        ("x = 0\nwhile x >= 0:\n    x += 1\n", 3),
        (
            "for j in range(2):\n    while j >= 0:\n        j += 1\n    else:\n        continue\n",
            3,
        ),
        ("for i in iter(int, 1):\n    pass\n", 2),
        (
            "import itertools\nfor i in itertools.count():\n    pass\n",
            3,
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
            3,
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
            3,
        ),
        (
            "while True:\n    try:\n        while True: pass\n    except BaseException:\n        pass\n",
            3,
        ),
        (
            "for i in range(10):\n    try:\n        while True: pass\n    finally:\n        continue\n",
            3,
        ),
        (
            "try:\n    while True: pass\nexcept BaseException:\n    pass\nprint('escaped')\n",
            2,
        ),
        (
            "import contextlib\nwith contextlib.suppress(BaseException):\n    while True: pass\nprint('escaped')\n",
            3,
        ),
        // Disabling or rebinding what a budget could depend on.
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
            2,
        ),
    ];
    let mut harness = Harness::new();
    for (source, line) in cases {
        assert_stops(&mut harness, source, *line);
    }
}

/// The budget counts instructions inside the VM, so code made at run time by any means is
/// counted as well, and code objects stay exactly as the compiler made them.
#[test]
fn code_made_by_hand_is_counted_too() {
    let mut harness = Harness::new();
    let cases: &[(&str, u32)] = &[
        (
            "import marshal\ncode = compile('while True: pass', 'loop', 'exec')\n\
             exec(marshal.loads(marshal.dumps(code)))\n",
            3,
        ),
        (
            "import types\ncode = compile('while True: pass', 'loop', 'exec')\n\
             names = 'argcount posonlyargcount kwonlyargcount nlocals stacksize flags code'\n\
             names += ' consts names varnames filename name qualname firstlineno linetable'\n\
             names += ' exceptiontable freevars cellvars'\n\
             exec(types.CodeType(*[getattr(code, 'co_' + name) for name in names.split()]))\n",
            6,
        ),
        (
            "def spin():\n    while True: pass\n\
             spin.__code__ = spin.__code__.replace(co_consts=spin.__code__.co_consts)\nspin()\n",
            2,
        ),
    ];
    for (source, line) in cases {
        assert_stops(&mut harness, source, *line);
    }
}

/// A program that catches `RecursionError` and recurses again from its handler does work
/// that doubles with each level; the stop still ends it, at the program's line.
#[test]
fn recursion_from_a_handler_is_stopped() {
    let mut harness = Harness::new();
    assert_stops(
        &mut harness,
        "def f():\n    try:\n        f()\n    except RecursionError:\n        f()\nf()\n",
        1,
    );
}

#[test]
fn the_stop_is_deterministic() {
    let source = "total = 0\nfor i in range(10**9):\n    total += i\n    if i % 7 == 0:\n        total -= 1\n";
    let mut harness = Harness::new();
    let first = harness.run_with(source, &budget(123_457));
    let second = harness.run_with(source, &budget(123_457));
    assert_eq!(first.outcome, second.outcome);
    assert_eq!(first.instructions, second.instructions);
    // Stopped at the first check point (a backward jump) past the budget.
    assert!(
        (123_457..123_457 + 20).contains(&first.instructions),
        "{}",
        first.instructions
    );
}

#[test]
fn ordinary_programs_do_not_meet_the_default_budget() {
    let mut harness = Harness::new();
    let report = harness.run(
        "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(20))\nprint(sum(i * i for i in range(100000)))\n",
    );
    assert_eq!(report.outcome, Outcome::Finished);
    assert_eq!(harness.stdout(), "6765\n333328333350000\n");
    // About a million instructions: 21,891 calls and 100,000 generator items.
    assert!(
        report.instructions > 900_000 && report.instructions < 1_200_000,
        "{}",
        report.instructions
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

/// Nothing is added to the program's code: `dis` inside a program shows what CPython's
/// compiler makes.
#[test]
fn programs_see_their_code_as_compiled() {
    let program = "import dis\n\ndef area(r):\n    return 3 * r * r\n\ndis.dis(area)\n\
                   print(area.__code__.co_consts, area.__code__.co_names)\n";
    crate::common::prints_as_in_cpython(&mut Harness::new(), program);
}

#[test]
fn a_stop_says_where_the_steps_went_and_what_the_loop_did() {
    let mut harness = Harness::new();
    let source = "\
total = 0
i = 0
while i < 10:
    total += 1
print(total)
";
    let report = harness.run_with(source, &budget(2_000_000));
    let hotspots = report
        .hotspots
        .expect("a stopped run says where its steps went");
    // Check-ins come at backward jumps, calls and starts of frames: in a loop, mostly at
    // the jump that closes it.
    assert!(
        !hotspots.lines.is_empty()
            && hotspots
                .lines
                .iter()
                .all(|&(line, _)| [3, 4].contains(&line)),
        "only the loop ran: {:?}",
        hotspots.lines
    );
    // One sample per check-in: every `every` instructions, and the last, short one.
    let samples: u32 = hotspots.lines.iter().map(|&(_, n)| n).sum();
    let check_ins = 2_000_000 / hotspots.every;
    assert!(
        (check_ins..=check_ins + 1).contains(&u64::from(samples)),
        "{samples}"
    );
    assert_eq!(hotspots.last.len(), 8);
    for snapshot in &hotspots.last {
        assert_eq!(snapshot.qualname, "<module>");
        assert!(
            snapshot.locals.contains(&("i".to_owned(), "0".to_owned())),
            "{snapshot:?}"
        );
    }
    let totals: Vec<u64> = hotspots
        .last
        .iter()
        .map(|snapshot| snapshot.locals[0].1.parse().unwrap())
        .collect();
    assert!(
        totals.windows(2).all(|pair| pair[0] < pair[1]),
        "{totals:?}"
    );

    // In a function: its own variables, at its line; a finished run reports nothing.
    let source = "def spin(n):\n    while n > 0:\n        n += 1\nspin(1)\n";
    let report = harness.run_with(source, &budget(1_000_000));
    let last = report.hotspots.unwrap().last.pop().unwrap();
    assert_eq!(last.qualname, "spin");
    assert!([2, 3].contains(&last.line));
    assert_eq!(last.locals[0].0, "n");
    assert!(harness.run("x = 1\n").hotspots.is_none());
}

#[test]
fn a_time_limit_stop_says_where_the_steps_went_too() {
    let mut harness = Harness::new();
    let options = sandpiper_engine::RunOptions {
        time_limit: Some(0.3),
        ..Default::default()
    };
    let report = harness.run_with("n = 0\nwhile True:\n    n = n * 1\n", &options);
    let hotspots = report.hotspots.expect("stopped by the time limit");
    assert!(
        hotspots
            .lines
            .iter()
            .all(|&(line, _)| [2, 3].contains(&line))
    );
    let last = hotspots.last.last().expect("samples near the deadline");
    assert_eq!(last.locals, [("n".to_owned(), "0".to_owned())]);
}
