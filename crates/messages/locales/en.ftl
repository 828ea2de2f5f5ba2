### Sandpiper's words in English: the catalogue every other language translates.
### Code in a message is written as the student would type it.

language-name = English

## The page

run-button = Run
run-button-title = Run (Ctrl+Enter)
stop-button = Stop
stop-button-title = Stop the running program (or the run waiting for Python)
step-button = Step
step-button-title = Run step by step: go through the run line by line (Ctrl+Shift+Enter)
program-controls = Program controls
open-in-app = Open in Sandpiper
open-in-app-title = Open this program in the full Sandpiper app, in a new tab
show-the-code = Show the code
clear-button = Clear
clear-button-title = Clear the output
examples-label = Load an example program
examples-choose = Examples…
share-button = Share
share-button-title = Make a link that opens this program
download-button = Download
download-button-title = Save the file in front to this computer
download-all-button = Download all
download-all-button-title = Save all files as one .zip
open-button = Open…
open-button-title = Add files from this computer (text files, or a .zip of files)
results-label = Results
tab-output-label = Output
tab-steps-label = Steps
tab-bytecode-label = Bytecode
tab-drawing-label = Drawing
hint-label = Hint
hints-off = Hints are off
language-label = Language
run-above-first = Run the ones above first
run-above-first-title = Run the examples above this one, in order, then this one: they share their names

## Exercise checks (docs/exercises.md). The check-* messages describing tests come from
## crates/engine/python/lib/_sandpiper_check.py, which names the arguments.

check-button = Check
check-button-title = Run the exercise's tests on your program
check-unavailable = This exercise's check could not be loaded ({ $reason }), so it cannot be checked here.
check-running = Checking…
check-results-label = Test results
check-passed = passed
check-failed = failed
check-all-passed = { $count ->
    [one] The test passed. Well done!
   *[other] All { $count } tests passed. Well done!
}
check-some-failed = { $failed } of { $count ->
    [one] { $count } test failed.
   *[other] { $count } tests failed.
}
check-no-tests = The check made no tests.
check-broken = The exercise's check itself failed (see the output): this is a mistake in the exercise, not in your program.
check-stopped = The check was stopped before it finished.
check-done = Done
check-done-title = You passed this exercise's tests (remembered in this browser)
check-diff-expected = expected
check-diff-actual = your program
completion-code-name = Your name, for the completion code
completion-code-make = Get the completion code
completion-code-label = Completion code for { $name }:
check-output = Prints the expected output
check-output-with-inputs = Prints the expected output when the input is { $inputs }
check-output-differs = The output is not the one expected: compare the lines below.
check-returns = { $call } returns { $expected }
check-returned-instead = It returned { $actual }.
check-function-raised = It raised { $error }.
check-no-function = Your program has no function named { $name }.
check-not-a-function = { $name } is a { $type }, not a function.
check-program-error = Your program stopped with an error: { $error }
check-program-wants-input = Your program asked for more input than the test types in ({ $count ->
    [0] none
    [one] one line
   *[other] { $count } lines
}).
check-program-steps = Your program did not finish: it was stopped after too many steps. Is there a loop that never ends?
check-program-time = Your program did not finish in time. Is there a loop that never ends?
check-program-memory = Your program used too much memory.

## Hints under a traceback: what went wrong in this program and what to try.
## They come from crates/engine/python/lib/_sandpiper_hints.py, which names the arguments.

# Syntax and indentation

hint-missing-colon = Line { $line } begins with { $keyword }, and a line that opens a block ends with a colon. Put : at the end of line { $line }.
hint-never-closed = The { $bracket } on line { $line } (column { $column }) is never closed. Add its { $closing } where what it encloses ends.
hint-unmatched-bracket = The { $bracket } on line { $line } closes nothing: no { $opening } is open before it. Remove it, or add the { $opening } that is missing.
hint-mismatched-bracket = On line { $line } a { $opening } is closed by { $closing }. Brackets close in the reverse order they open: this one needs { $expected }.
hint-equals-for-comparison = On line { $line }, a single = stores a value in a name. To compare two values, write == (as in if x == 3:).
hint-assign-to-expression = On line { $line }, the left of = must be a name, as in total = x + 1: the name on the left, the value on the right. To compare, write ==.
hint-unterminated-string = The text that starts with { $quote } at column { $column } of line { $line } has no closing { $quote }. Put one where the text ends, on the same line.
hint-unterminated-triple-string = The text in triple quotes that starts on line { $line } is never closed: end it with the same three quotes.
hint-tabs-and-spaces = Line { $line } is indented with a mix of tabs and spaces, which Python cannot compare. Indent with spaces only, 4 for each level.
hint-unexpected-indent = Line { $line } starts further right than the line before it, but that line does not open a block (it does not end with :). Remove the spaces at the start of line { $line }.
hint-expected-indented-block = The { $keyword } on line { $line } ends with a colon, so the lines that belong to it must be indented: start them 4 spaces further right.
hint-unindent-mismatch = Line { $line } starts at a column where no block above it starts. The lines of one block all start at the same column: line it up with its block.
hint-misaligned-else = The { $keyword } on line { $line } must start at exactly the same column as the if (or try) it belongs to.
hint-else-without-if = The { $keyword } on line { $line } has no if just before it: only the if's own indented lines may come between them, and the { $keyword } lines up with its if.
hint-print-needs-parentheses = In Python 3, print is a function: put what to print in parentheses, as in print("hello").
hint-curly-quote = Line { $line } has the typographic quote { $character }, as word processors and web pages write them. Python only understands the plain quotes " and ': type them again in the editor.
hint-invalid-character = Line { $line } has the character { $character } ({ $code }), which Python does not understand outside quotes. It often comes with code copied from a web page or a document: type that part again.
hint-missing-comma = On line { $line }, two values stand side by side with nothing between them. Separate the values of a list, a call or a tuple with commas, as in print("Total:", total).
hint-def-needs-parentheses = A def needs parentheses after the function's name, even with no parameters: def { $name }():
hint-name-starts-with-digit = A name cannot start with a digit (line { $line }). Start it with a letter, as in second instead of 2nd.
hint-return-outside-function = return ends a function, so it can only be inside a def. Check the indentation of line { $line }: it must be in the function's body.
hint-outside-loop = { $keyword } only works inside a for or while loop. Check that line { $line } is indented inside the loop it belongs to.

# Names

hint-name-in-earlier-example = { $name } is defined in example { $example } above, which has not run yet. Run it first, or press Run the ones above first.
hint-name-typo = There is no { $name }. Did you mean { $suggestion }? Python tells names apart by every letter, upper and lower case too.
hint-name-not-imported = { $name } is a module: add import { $name } at the top of the program, before the lines that use it.
hint-name-defined-later = { $name } gets its value on line { $defined }, but line { $line } runs before that. Python runs a program from top to bottom: move the definition above its first use.
hint-name-not-defined = Nothing is called { $name } when line { $line } runs: give it a value first ({ $name } = ...). If you meant the text { $name }, put it in quotes: "{ $name }".
hint-unbound-local = { $function } gives { $name } a value on line { $assigned }, which makes { $name } local to { $function }, and it has no value yet when this line reads it. Pass the value in as a parameter and return the new one, or write global { $name } at the start of { $function }.

# Types

hint-join-text-and-number = { $name } holds the number { $value }, and + cannot join text and a number. Convert it with str({ $name }), or write an f-string: f"... {"{"}{ $name }{"}"}".
hint-text-in-arithmetic = { $name } holds the text { $value }, and text cannot take part in { $operator }. Convert it to a number first: int({ $name }), or float({ $name }) for decimals.
hint-list-plus-item = + joins two lists. To add one item to { $name }, write { $name }.append({ $item }) (or { $name } + [{ $item }] for a new list).
hint-division-gives-float = { $expression } gives a float, even when it divides evenly, and { $use ->
    [range] range()
   *[index] an index
} needs a whole number. Divide with // instead: { $fixed }.
hint-input-is-text = { $name } holds the text { $value }: input() always gives text, even when digits are typed. Convert it to a number: int({ $name }), or float({ $name }) for decimals.
hint-function-returns-none = { $returns ->
    [none] { $function }() (line { $defined }) has no return with a value, so calling it gives None. Add a return with the result it should give.
   *[some] { $function }() (line { $defined }) ended without reaching a return with a value, so this call gave None. Check that every path through it returns its result.
}
hint-method-returns-none = { $name } is None: { $method }() changes { $object } itself and gives back None. Call { $object }.{ $method }(...) on a line of its own, then keep using { $object }.
hint-method-result-none = { $method }() changes { $object } itself and gives back None, so there is nothing to use here. Call it on a line of its own, then use { $object }.
hint-print-returns-none = { $name } is None: print() shows text and gives back None. To keep a value, assign it, and print it on another line.
hint-shadowed-builtin = { $name } was given a value on line { $assigned }, so it no longer names Python's { $name }() function. Choose another name for your variable (total instead of sum, for example).
hint-missing-operator = { $value }(...) calls { $value } as if it were a function. To multiply, write * in between: { $value } * (...).
hint-iterate-number = A for loop goes through the items of a sequence, and { $expression } is a number. To count from 0 up to it, loop over range({ $expression }).
hint-cannot-change = { $type ->
    [str] Text cannot be changed once made, so { $name }[...] = ... is not allowed. Build new text instead, as in { $name } = "b" + { $name }[1:], or use a list.
   *[tuple] A tuple cannot be changed once made. Use a list (in square brackets) if its items must change.
}
hint-text-has-no-method = { $name } holds text, and text has no { $method }(): it cannot be changed in place. Build new text with +, as in { $name } = { $name } + "!", or use a list.
hint-missing-argument = { $function }() is defined on line { $defined } as def { $function }({ $parameters }), and this call leaves out { $missing }. Give a value for each parameter, in order.
hint-too-many-arguments = def { $function }({ $parameters }) on line { $defined } takes { $takes ->
    [0] no values
    [one] one value
   *[other] { $takes } values
}, and this call gives it { $given }. Call it with one value for each parameter.
hint-missing-self = { $method } is a method: Python passes it the object itself first, so its def on line { $defined } needs a first parameter self, as in def { $method }(self):.
hint-compare-text-number = { $input ->
    [yes] { $name } holds the text { $value }, from input(), and text cannot be compared with a number. Convert it as you read it: { $name } = int(input(...)).
   *[no] { $name } holds the text { $value }, and text cannot be compared with a number. Convert it first: int({ $name }).
}
hint-text-times-decimal = { $input ->
    [yes] { $name } holds the text { $value }, from input(): multiplying text repeats it, and only a whole number of times. Convert it first: float({ $name }).
   *[no] { $name } holds the text { $value }: multiplying text repeats it, and only a whole number of times. Convert it first: float({ $name }).
}
hint-length-of-number = { $name } is a number, and only collections and text have a length. To count its digits, use len(str({ $name })).
hint-range-of-list = range() counts up to a number. To go through the items of { $name }, write for item in { $name }:, or loop over range(len({ $name })) for their positions.

# Indexes and keys

hint-index-out-of-range = { $type ->
    [str] { $name } has { $length ->
        [one] one character
       *[other] { $length } characters
    }
   *[other] { $name } has { $length ->
        [one] one item
       *[other] { $length } items
    }
}, so its positions go from 0 to { $last } (or from -{ $length } to -1), and the index here is { $index }.
hint-index-empty = { $name } is empty here, so it has no position { $index }. Check that it has items before reading one (if { $name }:).
hint-index-with-item = { $index } goes through the items of { $name } themselves, not their positions. Use { $index } directly, or loop over range(len({ $name })) to get positions.
hint-index-is-text = The index { $index } holds the text { $value }. Convert it to a number first: int({ $index }).
hint-key-close = { $name } has no key { $key }. Keys must match exactly, upper and lower case too; the closest it has: { $close }.
hint-key-missing = { $name } has no key { $key }. Its keys are { $keys }. To check first: if { $key } in { $name }:, or use { $name }.get({ $key }).
hint-key-in-empty-dict = { $name } is empty here, so it has no key { $key }. Add the key first ({ $name }[{ $key }] = ...), or use { $name }.get({ $key }).
hint-unpack-dict-loop = Going through a dict gives its keys only. To get each key with its value, loop over { $name }.items().

# Numbers

hint-divide-by-zero = { $name } is 0 here, and nothing can be divided by 0. Check it before dividing: if { $name } != 0:
hint-divide-by-empty = { $name } is empty, so len({ $name }) is 0, and nothing can be divided by 0. Check that it has items first: if { $name }:
hint-int-from-empty = int() was given empty text: the line read had nothing on it. Type a number before pressing Enter.
hint-int-from-decimal = int() reads whole numbers only, and { $text } has a decimal point. Use float() for it (or int(float(...)) to drop the decimals).
hint-int-from-text = int() can only read digits (with a sign in front), and { $text } has other characters. Check what was typed, or what the text holds.
hint-decimal-comma = Python writes decimals with a point, not a comma: { $fixed }, not { $text }. To accept a comma, replace it first: text.replace(",", ".").
hint-float-from-text = float() reads numbers such as 3.5 or -2, and { $text } is not one. Check what was typed, or what the text holds.

# Functions calling themselves, loops that do not end

hint-recursion-without-end = { $function }() (line { $defined }) called itself again and again without end. A recursive function needs a base case: an if that returns without calling itself, which every call comes closer to.
hint-recursion-values = { hint-recursion-without-end } The last call had { $values }.
hint-loop-condition-unchanged = The loop on line { $line } never ended: its condition { $condition } depends on { $names }, and nothing in the loop changes { $count ->
    [one] it
   *[other] them
}, so the condition stays true.
hint-loop-without-break = The loop while True on line { $line } has no break, so nothing ever ends it. Add a break (inside an if) for when it should stop.
hint-loop-never-breaks = The loop while True on line { $line } never reached its break (or return). Check that the if around it can become true.
hint-loop-still-running = The program was still in the loop on line { $line } when it was stopped. Check that its condition { $condition } can become false: something in the loop must bring it closer to the end.
hint-loop-grows-list = The for loop on line { $line } adds to { $name } while it goes through { $name }, so it never reaches the end. Go through a copy ({ $name }[:]) or add to another list.

# Files and modules

hint-file-not-found = There is no file { $file } here. { $count ->
    [0] This program has no files yet.
    [one] The only file is { $files }.
   *[other] The files are: { $files }.
} Names must match exactly, upper and lower case too.
hint-file-case = There is no { $file }, but there is { $existing }: file names must match exactly, upper and lower case too.
hint-module-not-available = { $module } is not part of Python itself: it is installed separately (with pip), and Sandpiper has only Python's standard library.
hint-module-typo = There is no module called { $module }. Did you mean { $suggestion }?
hint-module-shadowed = Your file { $file } has the same name as Python's module { $module }, so import { $module } found yours instead. Rename your file.
