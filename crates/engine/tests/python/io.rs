//! Output, input, clocks and the sandbox, compared with CPython where they share semantics.

use crate::common::{Harness, cpython, expect_error};
use sandpiper_engine::{Outcome, Stream};

#[test]
fn programs_print_what_cpython_prints() {
    let programs = [
        "print('hello', 1 + 2, sep='-', end='!\\n')\nprint(*range(5), sep=', ')\n",
        "import sys\nsys.stdout.write('a')\nprint('b', flush=True)\nprint('to stderr', file=sys.stderr)\n",
        "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint([fib(i) for i in range(15)])\n",
        "class Point:\n    def __init__(self, x, y):\n        self.x, self.y = x, y\n    def __repr__(self):\n        return f'Point({self.x}, {self.y})'\nprint(sorted([Point(2, 1), Point(1, 2)], key=lambda p: p.x))\n",
        "import json, collections, math, re, itertools, functools, string\nprint(json.dumps({'a': [1, 2.5, None]}, sort_keys=True))\nprint(collections.Counter('mississippi').most_common(2))\nprint(math.gcd(12, 18), re.findall(r'\\d+', 'a1b22c333'))\nprint(list(itertools.permutations('abc', 2))[:3], functools.reduce(lambda a, b: a * b, range(1, 10)))\n",
        "import random\nrandom.seed(42)\nprint(random.randint(1, 100), random.choice('abcdef'))\n",
        "from dataclasses import dataclass\n@dataclass\nclass C:\n    a: int\n    b: str = 'x'\nprint(C(1))\n",
        "i = 0\nwhile i < 5:\n    i += 1\n    if i == 2:\n        continue\n    if i == 4:\n        break\n    print(i)\nelse:\n    print('no break')\nfor j in range(3):\n    pass\nelse:\n    print('for else', j)\n",
        "n = 0\nwhile n < 3:\n    n += 1\nelse:\n    print('while else', n)\nfor k in range(2):\n    while True:\n        break\n    else:\n        continue\n    print('after', k)\n",
        "def g():\n    '''doc'''\n    yield from range(3)\nprint(g.__doc__, list(g()), sum(x for x in g()))\n",
        "x = 10\ndef outer():\n    y = 1\n    def inner():\n        nonlocal y\n        global x\n        y += 1\n        x += 1\n        return y\n    return inner() + inner()\nprint(outer(), x)\n",
        "match (1, 2):\n    case (1, y):\n        print('matched', y)\n    case _:\n        print('no')\n",
        "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    print('caught', e)\nfinally:\n    print('finally')\n",
        "print('é ☃ 🐍', len('🐍'), 'tab\\there')\n",
        "print(eval('[i * 2 for i in range(4)]'))\nexec('def h():\\n    return 42\\n')\nprint(h())\n",
        // Set literals in membership tests compile to frozenset constants.
        "x = 2\nprint(x in {1, 2, 3}, [c for c in 'abc' if c not in {'b'}])\nexec('print(3 in {3, 4})')\n",
    ];
    let mut harness = Harness::new();
    for program in programs {
        let report = harness.run(program);
        assert_eq!(
            report.outcome,
            Outcome::Finished,
            "{program}\n{}",
            harness.stderr()
        );
        let (stdout, stderr) = cpython(program, "");
        assert_eq!(harness.stdout(), stdout, "{program}");
        assert_eq!(harness.stderr(), stderr, "{program}");
    }
}

#[test]
fn output_arrives_in_order_and_in_chunks() {
    let mut harness = Harness::new();
    harness.run("import sys\nfor i in range(20000):\n    print(i)\n    if i % 5000 == 0:\n        print('e', i, file=sys.stderr)\n");
    let expected: String = (0..20000).map(|i| format!("{i}\n")).collect();
    assert_eq!(harness.stdout(), expected);
    assert_eq!(harness.stderr(), "e 0\ne 5000\ne 10000\ne 15000\n");
    let state = harness.state.borrow();
    // Far fewer host calls than print calls, and stderr interleaved where it was written.
    assert!(state.chunks.len() < 100, "{} chunks", state.chunks.len());
    let first_err = state
        .chunks
        .iter()
        .position(|(s, _)| *s == Stream::Stderr)
        .unwrap();
    assert!(state.chunks[..first_err].iter().all(|(_, t)| t == "0\n"));
}

#[test]
fn large_output_is_complete() {
    let mut harness = Harness::new();
    let report = harness.run("print('x' * 5_000_000)\nprint('done')\n");
    assert_eq!(report.outcome, Outcome::Finished);
    assert_eq!(harness.stdout().len(), 5_000_000 + 1 + 5);
}

#[test]
fn input_reads_lines_and_raises_eof_error_at_the_end() {
    let program = "name = input('Name? ')\nage = int(input())\nprint(f'{name} is {age}')\nimport sys\nprint(repr(sys.stdin.readline()))\ninput('more? ')\n";
    let mut harness = Harness::new().with_input(&["Ada", "36", "rest"]);
    let report = harness.run(program);
    let error = expect_error(&report);
    let (stdout, stderr) = cpython(program, "Ada\n36\nrest\n");
    assert_eq!(harness.stdout(), stdout);
    assert_eq!(error.type_name, "EOFError");
    assert_eq!(error.message, "EOF when reading a line");
    assert!(stderr.ends_with("EOFError: EOF when reading a line\n"));
    assert_eq!(error.line_in("main.py"), Some(6));
}

#[test]
fn stdin_can_be_iterated_and_replaced() {
    let program = "import sys, io\nlines = [l.strip() for l in sys.stdin]\nprint(lines)\nsys.stdin = io.StringIO('from string\\n')\nprint(input())\n";
    let mut harness = Harness::new().with_input(&["a", "b"]);
    assert_eq!(harness.run(program).outcome, Outcome::Finished);
    assert_eq!(harness.stdout(), "['a', 'b']\nfrom string\n");
}

#[test]
fn sys_exit_gives_exit_codes() {
    let mut harness = Harness::new();
    assert_eq!(
        harness.run("import sys\nsys.exit()").outcome,
        Outcome::Exit { code: 0 }
    );
    assert_eq!(
        harness.run("import sys\nsys.exit(4)").outcome,
        Outcome::Exit { code: 4 }
    );
    // `quit` and `exit`, the builtins CPython's `site` adds, end the program the same way.
    assert_eq!(
        harness.run("print('a')\nquit()\nprint('b')").outcome,
        Outcome::Exit { code: 0 }
    );
    assert_eq!(harness.stdout(), "a\n");
    assert_eq!(harness.run("exit(2)").outcome, Outcome::Exit { code: 2 });
    assert_eq!(
        harness.run("raise SystemExit('bye')").outcome,
        Outcome::Exit { code: 1 }
    );
    assert_eq!(harness.stderr(), "bye\n");
}

#[test]
fn clocks_and_sleep_come_from_the_host() {
    let mut harness = Harness::new();
    let report = harness.run(
        "import time\na = time.perf_counter()\ntime.sleep(2.5)\nb = time.monotonic()\nprint(b >= a, time.time() > 1.6e9, type(time.perf_counter_ns()))\ntime.sleep(-1)\n",
    );
    assert_eq!(harness.stdout(), "True True <class 'int'>\n");
    assert_eq!(harness.state.borrow().slept, 2.5);
    assert_eq!(
        expect_error(&report).message,
        "sleep length must be non-negative"
    );
}

#[test]
fn each_run_gets_a_fresh_main_and_pristine_builtins() {
    let mut harness = Harness::new();
    harness
        .run("secret = 1\nimport builtins\nbuiltins.print = None\nimport sys\nsys.stdout = None\n");
    let report = harness.run("print('secret' in globals(), __name__)\n");
    assert_eq!(report.outcome, Outcome::Finished);
    assert_eq!(harness.stdout(), "False __main__\n");
}

#[test]
fn the_host_is_out_of_reach() {
    let mut harness = Harness::new();
    for program in [
        "open('/etc/passwd').read()\n",
        "import os\nos.system('echo hacked')\n",
        "import subprocess\nsubprocess.run(['ls'])\n",
        "import socket\nsocket.create_connection(('example.com', 80))\n",
        "import ctypes\n",
        "import _io\n_io.FileIO('/etc/passwd')\n",
    ] {
        let report = harness.run(program);
        assert!(
            matches!(report.outcome, Outcome::Error { .. }),
            "{program}: {:?}",
            report.outcome
        );
        assert_eq!(harness.stdout(), "", "{program}");
    }
}
