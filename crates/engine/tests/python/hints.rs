//! Beginners' hints under tracebacks (`python/lib/_sandpiper_hints.py`, worded by
//! `sandpiper-messages`), on realistic wrong programs of a first course: the error is
//! CPython 3.14's, and the hint says what went wrong in this program and what to try.

use sandpiper_engine::{Outcome, RunOptions, WorkspaceFile};
use sandpiper_messages::Catalogue;

use crate::common::{Harness, budget, cpython, expect_error};

/// A program, the lines it reads, and its hint in English (`None`: nothing specific).
type Case<'a> = (&'a str, &'a [&'a str], Option<&'a str>);

fn last_line(text: &str) -> &str {
    text.trim_end().lines().last().unwrap_or_default()
}

/// Runs each case; its error must read as CPython's and its hint as expected.
fn check(cases: &[Case]) {
    let english = Catalogue::new("en");
    let mut failures = Vec::new();
    for (program, input, expected) in cases {
        let mut harness = Harness::new().with_input(input);
        let report = harness.run(program);
        let error = expect_error(&report);
        let stdin: String = input.iter().map(|line| format!("{line}\n")).collect();
        let (_, reference) = cpython(program, &stdin);
        assert_eq!(
            last_line(&error.text),
            last_line(&reference),
            "the error of {program:?}"
        );
        let hint = error.hint.as_ref().and_then(|hint| english.hint(hint));
        if hint.as_deref() != *expected {
            failures.push(format!(
                "{program:?}\n   hint: {hint:?}\n   want: {expected:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn syntax_and_indentation_errors() {
    check(&[
        (
            "age = 15\nif age > 12\n    print('teen')\n",
            &[],
            Some(
                "Line 2 begins with if, and a line that opens a block ends with a colon. Put : \
                 at the end of line 2.",
            ),
        ),
        (
            "total = (3 + 4\nprint(total)\n",
            &[],
            Some(
                "The ( on line 1 (column 9) is never closed. Add its ) where what it encloses ends.",
            ),
        ),
        (
            "print('hi'))\n",
            &[],
            Some(
                "The ) on line 1 closes nothing: no ( is open before it. Remove it, or add the ( \
                 that is missing.",
            ),
        ),
        (
            "print([1, 2)\n",
            &[],
            Some(
                "On line 1 a [ is closed by ). Brackets close in the reverse order they open: \
                 this one needs ].",
            ),
        ),
        (
            "x = 3\nif x = 3:\n    print('three')\n",
            &[],
            Some(
                "On line 2, a single = stores a value in a name. To compare two values, write == \
                 (as in if x == 3:).",
            ),
        ),
        (
            "x + 1 = 5\n",
            &[],
            Some(
                "On line 1, the left of = must be a name, as in total = x + 1: the name on the \
                 left, the value on the right. To compare, write ==.",
            ),
        ),
        (
            "print('hello)\n",
            &[],
            Some(
                "The text that starts with ' at column 7 of line 1 has no closing '. Put one \
                 where the text ends, on the same line.",
            ),
        ),
        (
            "if True:\n        print(1)\n\tprint(2)\n",
            &[],
            Some(
                "Line 3 is indented with a mix of tabs and spaces, which Python cannot compare. \
                 Indent with spaces only, 4 for each level.",
            ),
        ),
        (
            "print('a')\n    print('b')\n",
            &[],
            Some(
                "Line 2 starts further right than the line before it, but that line does not \
                 open a block (it does not end with :). Remove the spaces at the start of line 2.",
            ),
        ),
        (
            "for i in range(3):\nprint(i)\n",
            &[],
            Some(
                "The for on line 1 ends with a colon, so the lines that belong to it must be \
                 indented: start them 4 spaces further right.",
            ),
        ),
        (
            "if True:\n    print(1)\n  print(2)\n",
            &[],
            Some(
                "Line 3 starts at a column where no block above it starts. The lines of one \
                 block all start at the same column: line it up with its block.",
            ),
        ),
        (
            "x = 3\nif x > 2:\n    print(1)\n  else:\n    print(2)\n",
            &[],
            Some(
                "The else on line 4 must start at exactly the same column as the if (or try) it \
                 belongs to.",
            ),
        ),
        (
            "x = 3\nif x > 2:\n    print(1)\nprint(3)\nelse:\n    print(2)\n",
            &[],
            Some(
                "The else on line 5 has no if just before it: only the if's own indented lines \
                 may come between them, and the else lines up with its if.",
            ),
        ),
        (
            "print 'hello'\n",
            &[],
            Some(
                "In Python 3, print is a function: put what to print in parentheses, as in \
                 print(\"hello\").",
            ),
        ),
        (
            "print(\u{201c}hello\u{201d})\n",
            &[],
            Some(
                "Line 1 has the typographic quote \u{201c}, as word processors and web pages \
                 write them. Python only understands the plain quotes \" and ': type them again \
                 in the editor.",
            ),
        ),
        (
            "x = 5 \u{2013} 3\n",
            &[],
            Some(
                "Line 1 has the character \u{2013} (U+2013), which Python does not understand \
                 outside quotes. It often comes with code copied from a web page or a document: \
                 type that part again.",
            ),
        ),
        (
            "2nd = 5\n",
            &[],
            Some(
                "A name cannot start with a digit (line 1). Start it with a letter, as in second \
                 instead of 2nd.",
            ),
        ),
        (
            "def greet:\n    print('hi')\n",
            &[],
            Some(
                "A def needs parentheses after the function's name, even with no parameters: \
                 def greet():",
            ),
        ),
        (
            "x = 3\nreturn x\n",
            &[],
            Some(
                "return ends a function, so it can only be inside a def. Check the indentation \
                 of line 2: it must be in the function's body.",
            ),
        ),
        (
            "x = 3\nif x > 2:\n    break\n",
            &[],
            Some(
                "break only works inside a for or while loop. Check that line 3 is indented \
                 inside the loop it belongs to.",
            ),
        ),
    ]);
}

/// Two values side by side: CPython adds "Perhaps you forgot a comma?" to the message, which
/// RustPython's parser leaves out here (docs/compatibility.md); the hint does not depend on it.
#[test]
fn a_forgotten_comma() {
    let mut harness = Harness::new();
    let report = harness.run("total = 5\nprint(\"Total:\" total)\n");
    let error = expect_error(&report);
    assert!(
        error.message.starts_with("invalid syntax"),
        "{}",
        error.message
    );
    assert_eq!(
        Catalogue::new("en")
            .hint(error.hint.as_ref().unwrap())
            .as_deref(),
        Some(
            "On line 2, two values stand side by side with nothing between them. Separate the \
             values of a list, a call or a tuple with commas, as in print(\"Total:\", total)."
        )
    );
    // Where a comma would not make the program valid, or the place is outside brackets
    // (where parentheses are missing, not a comma), it is not suggested.
    for program in ["if x = = 3:\n    pass\n", "for i in range 10:\n    pass\n"] {
        let report = harness.run(program);
        let hint = expect_error(&report)
            .hint
            .as_ref()
            .map(|hint| hint.id.clone());
        assert_ne!(hint.as_deref(), Some("hint-missing-comma"), "{program:?}");
    }
}

#[test]
fn names_and_types() {
    check(&[
        (
            "count = 3\nprint(coutn)\n",
            &[],
            Some(
                "There is no coutn. Did you mean count? Python tells names apart by every \
                 letter, upper and lower case too.",
            ),
        ),
        (
            "print(math.sqrt(16))\n",
            &[],
            Some(
                "math is a module: add import math at the top of the program, before the lines \
                 that use it.",
            ),
        ),
        (
            "print(total)\ntotal = 5\n",
            &[],
            Some(
                "total gets its value on line 2, but line 1 runs before that. Python runs a \
                 program from top to bottom: move the definition above its first use.",
            ),
        ),
        (
            "answer = input('yes or no? ')\nif answer == yes:\n    print('ok')\n",
            &["yes"],
            Some(
                "Nothing is called yes when line 2 runs: give it a value first (yes = ...). If \
                 you meant the text yes, put it in quotes: \"yes\".",
            ),
        ),
        (
            "score = 0\ndef add():\n    score = score + 1\nadd()\n",
            &[],
            Some(
                "add gives score a value on line 3, which makes score local to add, and it has \
                 no value yet when this line reads it. Pass the value in as a parameter and \
                 return the new one, or write global score at the start of add.",
            ),
        ),
        (
            "age = 17\nprint('You are ' + age + ' years old')\n",
            &[],
            Some(
                "age holds the number 17, and + cannot join text and a number. Convert it with \
                 str(age), or write an f-string: f\"... {age}\".",
            ),
        ),
        (
            "n = input('n? ')\nprint(n + 1)\n",
            &["3"],
            Some(
                "n holds the text '3': input() always gives text, even when digits are typed. \
                 Convert it to a number: int(n), or float(n) for decimals.",
            ),
        ),
        (
            "a = input()\nb = input()\nprint(a - b)\n",
            &["5", "3"],
            Some(
                "a holds the text '5': input() always gives text, even when digits are typed. \
                 Convert it to a number: int(a), or float(a) for decimals.",
            ),
        ),
        (
            "price = '3'\nprint(price / 2)\n",
            &[],
            Some(
                "price holds the text '3', and text cannot take part in /. Convert it to a \
                 number first: int(price), or float(price) for decimals.",
            ),
        ),
        (
            "items = [1, 2]\nitems = items + 3\n",
            &[],
            Some(
                "+ joins two lists. To add one item to items, write items.append(3) (or items + \
                 [3] for a new list).",
            ),
        ),
        (
            "n = 7\nfor i in range(n / 2):\n    print(i)\n",
            &[],
            Some(
                "n / 2 gives a float, even when it divides evenly, and range() needs a whole \
                 number. Divide with // instead: n // 2.",
            ),
        ),
        (
            "items = [1, 2, 3]\nprint(items[len(items) / 2])\n",
            &[],
            Some(
                "len(items) / 2 gives a float, even when it divides evenly, and an index needs \
                 a whole number. Divide with // instead: len(items) // 2.",
            ),
        ),
        (
            "print = 'hello'\nprint(print)\n",
            &[],
            Some(
                "print was given a value on line 1, so it no longer names Python's print() \
                 function. Choose another name for your variable (total instead of sum, for \
                 example).",
            ),
        ),
        (
            "age = input('age? ')\nif age < 18:\n    print('young')\n",
            &["15"],
            Some(
                "age holds the text '15', from input(), and text cannot be compared with a \
                 number. Convert it as you read it: age = int(input(...)).",
            ),
        ),
        (
            "price = input('price? ')\nprint(price * 1.2)\n",
            &["2.5"],
            Some(
                "price holds the text '2.5', from input(): multiplying text repeats it, and only \
                 a whole number of times. Convert it first: float(price).",
            ),
        ),
        (
            "def double(x):\n    x * 2\nprint(double(4) + 1)\n",
            &[],
            Some(
                "double() (line 1) has no return with a value, so calling it gives None. Add a \
                 return with the result it should give.",
            ),
        ),
        (
            "def grade(mark):\n    if mark >= 50:\n        return 'pass'\nprint(grade(40).upper())\n",
            &[],
            Some(
                "grade() (line 1) ended without reaching a return with a value, so this call \
                 gave None. Check that every path through it returns its result.",
            ),
        ),
        (
            "nums = [3, 1, 2]\nnums = nums.sort()\nprint(nums[0])\n",
            &[],
            Some(
                "nums is None: sort() changes nums itself and gives back None. Call \
                 nums.sort(...) on a line of its own, then keep using nums.",
            ),
        ),
        (
            "line = print('a', 'b')\nprint(line.upper())\n",
            &[],
            Some(
                "line is None: print() shows text and gives back None. To keep a value, assign \
                 it, and print it on another line.",
            ),
        ),
        (
            "sum = 0\nfor n in [1, 2]:\n    sum = sum + n\nprint(sum([1, 2]))\n",
            &[],
            Some(
                "sum was given a value on line 1, so it no longer names Python's sum() \
                 function. Choose another name for your variable (total instead of sum, for \
                 example).",
            ),
        ),
        (
            "x = 3\ny = 2(x + 1)\n",
            &[],
            Some(
                "2(...) calls 2 as if it were a function. To multiply, write * in between: 2 * \
                 (...).",
            ),
        ),
        (
            "n = 5\nfor i in n:\n    print(i)\n",
            &[],
            Some(
                "A for loop goes through the items of a sequence, and n is a number. To count \
                 from 0 up to it, loop over range(n).",
            ),
        ),
        (
            "s = 'cat'\ns[0] = 'b'\n",
            &[],
            Some(
                "Text cannot be changed once made, so s[...] = ... is not allowed. Build new text \
                 instead, as in s = \"b\" + s[1:], or use a list.",
            ),
        ),
        (
            "s = 'ab'\ns.append('c')\n",
            &[],
            Some(
                "s holds text, and text has no append(): it cannot be changed in place. Build \
                 new text with +, as in s = s + \"!\", or use a list.",
            ),
        ),
        (
            "def area(w, h):\n    return w * h\nprint(area(3))\n",
            &[],
            Some(
                "area() is defined on line 1 as def area(w, h), and this call leaves out h. \
                 Give a value for each parameter, in order.",
            ),
        ),
        (
            "def greet(name):\n    print('hi', name)\ngreet('Ann', 'Bo')\n",
            &[],
            Some(
                "def greet(name) on line 1 takes one value, and this call gives it 2. Call it \
                 with one value for each parameter.",
            ),
        ),
        (
            "class Dog:\n    def bark():\n        print('woof')\nDog().bark()\n",
            &[],
            Some(
                "bark is a method: Python passes it the object itself first, so its def on line \
                 2 needs a first parameter self, as in def bark(self):.",
            ),
        ),
        (
            "nums = [1, 2]\nfor i in range(nums):\n    print(i)\n",
            &[],
            Some(
                "range() counts up to a number. To go through the items of nums, write for item \
                 in nums:, or loop over range(len(nums)) for their positions.",
            ),
        ),
        (
            "n = 5\nprint(len(n))\n",
            &[],
            Some(
                "n is a number, and only collections and text have a length. To count its \
                 digits, use len(str(n)).",
            ),
        ),
        (
            "name = input('name? ')\ncount = 3\nprint(name + count)\n",
            &["Ann"],
            Some(
                "count holds the number 3, and + cannot join text and a number. Convert it with \
                 str(count), or write an f-string: f\"... {count}\".",
            ),
        ),
        (
            "def price(a):\n    return a * 2\ndef tax(a):\n    a * 0.2\nprint(price(10) + tax(10))\n",
            &[],
            Some(
                "tax() (line 3) has no return with a value, so calling it gives None. Add a \
                 return with the result it should give.",
            ),
        ),
        // Nothing specific to say: no hint rather than a generic one.
        ("n = 1234\nprint(n[0])\n", &[], None),
        ("print(sum(5))\n", &[], None),
        ("raise ValueError('my own check failed')\n", &[], None),
    ]);
}

#[test]
fn indexes_keys_and_numbers() {
    check(&[
        (
            "names = ['Ann', 'Bo', 'Cy']\ni = 2\nprint(names[i + 1])\n",
            &[],
            Some(
                "names has 3 items, so its positions go from 0 to 2 (or from -3 to -1), and the \
                 index here is 3.",
            ),
        ),
        (
            "items = []\nprint(items[0])\n",
            &[],
            Some(
                "items is empty here, so it has no position 0. Check that it has items before \
                 reading one (if items:).",
            ),
        ),
        (
            "word = 'cat'\nprint(word[3])\n",
            &[],
            Some(
                "word has 3 characters, so its positions go from 0 to 2 (or from -3 to -1), and \
                 the index here is 3.",
            ),
        ),
        (
            "names = ['Ann', 'Bo']\nfor name in names:\n    print(names[name])\n",
            &[],
            Some(
                "name goes through the items of names themselves, not their positions. Use name \
                 directly, or loop over range(len(names)) to get positions.",
            ),
        ),
        (
            "ages = {'Ann': 12, 'Bob': 14}\nprint(ages['bob'])\n",
            &[],
            Some(
                "ages has no key 'bob'. Keys must match exactly, upper and lower case too; the \
                 closest it has: 'Bob'.",
            ),
        ),
        (
            "stock = {'apples': 3, 'pears': 0}\nprint(stock['kiwis'])\n",
            &[],
            Some(
                "stock has no key 'kiwis'. Its keys are 'apples', 'pears'. To check first: if \
                 'kiwis' in stock:, or use stock.get('kiwis').",
            ),
        ),
        (
            "ages = {'Ann': 12}\nfor name, age in ages:\n    print(name, age)\n",
            &[],
            Some(
                "Going through a dict gives its keys only. To get each key with its value, loop \
                 over ages.items().",
            ),
        ),
        (
            "count = 0\ntotal = 10\nprint(total / count)\n",
            &[],
            Some(
                "count is 0 here, and nothing can be divided by 0. Check it before dividing: if \
                 count != 0:",
            ),
        ),
        (
            "marks = []\nprint(sum(marks) / len(marks))\n",
            &[],
            Some(
                "marks is empty, so len(marks) is 0, and nothing can be divided by 0. Check that \
                 it has items first: if marks:",
            ),
        ),
        (
            "n = int(input('age? '))\n",
            &[""],
            Some(
                "int() was given empty text: the line read had nothing on it. Type a number \
                 before pressing Enter.",
            ),
        ),
        (
            "n = int(input('height? '))\n",
            &["1.75"],
            Some(
                "int() reads whole numbers only, and '1.75' has a decimal point. Use float() \
                 for it (or int(float(...)) to drop the decimals).",
            ),
        ),
        (
            "n = int(input('age? '))\n",
            &["twelve"],
            Some(
                "int() can only read digits (with a sign in front), and 'twelve' has other \
                 characters. Check what was typed, or what the text holds.",
            ),
        ),
        (
            "price = float(input('price? '))\n",
            &["2,50"],
            Some(
                "Python writes decimals with a point, not a comma: '2.50', not '2,50'. To accept \
                 a comma, replace it first: text.replace(\",\", \".\").",
            ),
        ),
    ]);
}

/// The recursion's hint names the function and its last values (which depend on the depth
/// the interpreter reaches, so they are read from the error itself).
#[test]
fn recursion_without_a_base_case() {
    let mut harness = Harness::new();
    let report =
        harness.run("def countdown(n):\n    print(n)\n    countdown(n - 1)\ncountdown(3)\n");
    let error = expect_error(&report);
    let hint = Catalogue::new("en")
        .hint(error.hint.as_ref().expect("a hint"))
        .unwrap();
    assert!(
        hint.starts_with(
            "countdown() (line 1) called itself again and again without end. A recursive \
             function needs a base case: an if that returns without calling itself, which \
             every call comes closer to. The last call had n = -"
        ),
        "{hint}"
    );
}

#[test]
fn loops_stopped_by_the_budget() {
    let cases = [
        (
            "i = 0\nwhile i < 10:\n    print(i)\n",
            "The loop on line 2 never ended: its condition i < 10 depends on i, and nothing in \
             the loop changes it, so the condition stays true.",
        ),
        (
            "total = 0\nwhile True:\n    total = total + 1\n",
            "The loop while True on line 2 has no break, so nothing ever ends it. Add a break \
             (inside an if) for when it should stop.",
        ),
        (
            "n = 10\nwhile n != 0:\n    n = n - 3\n",
            "The program was still in the loop on line 2 when it was stopped. Check that its \
             condition n != 0 can become false: something in the loop must bring it closer to \
             the end.",
        ),
        (
            "items = [1, 2]\nfor x in items:\n    items.append(x * 2)\n",
            "The for loop on line 2 adds to items while it goes through items, so it never \
             reaches the end. Go through a copy (items[:]) or add to another list.",
        ),
    ];
    let english = Catalogue::new("en");
    let mut harness = Harness::new();
    for (program, expected) in cases {
        let report = harness.run_with(program, &budget(100_000));
        let Outcome::Stopped { error, .. } = &report.outcome else {
            panic!("{program:?} was not stopped: {:?}", report.outcome);
        };
        let hint = error.hint.as_ref().and_then(|hint| english.hint(hint));
        assert_eq!(hint.as_deref(), Some(expected), "{program:?}");
    }
}

#[test]
fn files_and_modules() {
    let english = Catalogue::new("en");
    let mut harness = Harness::new();
    let files = |names: &[(&str, &str)]| RunOptions {
        files: Some(
            names
                .iter()
                .map(|(name, text)| WorkspaceFile {
                    name: (*name).to_owned(),
                    text: (*text).to_owned(),
                })
                .collect(),
        ),
        ..RunOptions::default()
    };
    let hint_of = |harness: &mut Harness, program: &str, options: &RunOptions| {
        let report = harness.run_with(program, options);
        let error = expect_error(&report).clone();
        error.hint.as_ref().and_then(|hint| english.hint(hint))
    };
    let program = "with open('scores.txt') as f:\n    print(f.read())\n";
    assert_eq!(
        hint_of(
            &mut harness,
            program,
            &files(&[("main.py", program), ("Scores.txt", "10\n")])
        )
        .as_deref(),
        Some(
            "There is no scores.txt, but there is Scores.txt: file names must match exactly, \
             upper and lower case too."
        )
    );
    assert_eq!(
        hint_of(
            &mut harness,
            program,
            &files(&[("main.py", program), ("notes.txt", "")])
        )
        .as_deref(),
        Some(
            "There is no file scores.txt here. The files are: main.py, notes.txt. Names must \
             match exactly, upper and lower case too."
        )
    );
    let program = "import random\nprint(random.randint(1, 6))\n";
    assert_eq!(
        hint_of(
            &mut harness,
            program,
            &files(&[("main.py", program), ("random.py", "print('my dice')\n")])
        )
        .as_deref(),
        Some(
            "Your file random.py has the same name as Python's module random, so import random \
             found yours instead. Rename your file."
        )
    );
    // The student's own module, not a standard one: nothing to rename.
    let program = "import shapes\nshapes.circle()\n";
    assert_eq!(
        hint_of(
            &mut harness,
            program,
            &files(&[
                ("main.py", program),
                ("shapes.py", "def square():\n    pass\n")
            ])
        ),
        None
    );
    check(&[
        (
            "import numpy as np\n",
            &[],
            Some(
                "numpy is not part of Python itself: it is installed separately (with pip), and \
                 Sandpiper has only Python's standard library.",
            ),
        ),
        (
            "import maths\n",
            &[],
            Some("There is no module called maths. Did you mean math?"),
        ),
    ]);
}

#[test]
fn hints_in_spanish() {
    let spanish = Catalogue::new("es");
    let mut harness = Harness::new().with_input(&["3"]);
    let report = harness.run("n = input('n? ')\nprint(n + 1)\n");
    let error = expect_error(&report);
    assert_eq!(
        spanish.hint(error.hint.as_ref().unwrap()).as_deref(),
        Some(
            "n contiene el texto '3': input() siempre da texto, aunque se tecleen cifras. \
             Conviértelo en número: int(n), o float(n) para decimales."
        )
    );
}

/// A program cannot steer or stall its hint: the hint reads only builtin values, never
/// calls the program's methods, and a broken hint is no hint, never a lost error.
#[test]
fn hostile_programs_keep_their_error() {
    let programs = [
        // repr, eq and hash that never return, on the values a hint would describe.
        "class Evil:\n    def __repr__(self):\n        while True: pass\n    def __eq__(self, o):\n        while True: pass\n    __hash__ = object.__hash__\nd = {Evil(): 1}\nprint(d['x'])\n",
        "class Evil(str):\n    def lower(self):\n        while True: pass\nd = {Evil('a'): 1}\nprint(d[Evil('b')])\n",
        "class Evil(list):\n    def __len__(self):\n        while True: pass\nitems = Evil()\nprint(items[0])\n",
        // A message that pretends to be a hint.
        "raise NameError(\"name 'x' is not defined. Did you mean: 'y'?\")\n",
    ];
    let english = Catalogue::new("en");
    let mut harness = Harness::new();
    for program in programs {
        let report = harness.run_with(program, &budget(5_000_000));
        let error = expect_error(&report);
        let (_, reference) = cpython(program, "");
        assert_eq!(last_line(&error.text), last_line(&reference), "{program:?}");
        if let Some(hint) = &error.hint {
            // Whatever it says, it is one of the catalogue's messages, fully worded.
            assert!(english.hint(hint).is_some(), "{program:?}: {hint:?}");
        }
    }
    // The modules a hint uses, broken by the program: the error is intact, the hint gone.
    // (Not compared with the reference: CPython's own traceback printing uses `ast` too.)
    let programs = [
        (
            "import ast\nast.parse = None\ncount = 0\nprint(1 / count)\n",
            "ZeroDivisionError: division by zero",
        ),
        (
            "import difflib\ndifflib.get_close_matches = None\nd = {'Bob': 1}\nprint(d['Bbo'])\n",
            "KeyError: 'Bbo'",
        ),
    ];
    for (program, last) in programs {
        let report = Harness::new().run(program);
        let error = expect_error(&report);
        assert_eq!(last_line(&error.text), last, "{program:?}");
        assert_eq!(error.hint, None, "{program:?}");
    }
}
