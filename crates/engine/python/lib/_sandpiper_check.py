"""The API of an exercise's check (docs/exercises.md), in the check's own interpreter.

The student's program never runs here: `run()` and `call()` go through the engine
(`_link_run`, `_link_call`, set before each check) to an interpreter of its own, and only
text and literal values come back. Whatever the program does there, it cannot reach this
module, the check's code or the results."""

import ast
import difflib
import json
import math

__all__ = ["run", "call", "expect", "expect_output", "expect_returns", "source",
           "uses_loop", "calls", "defines", "Run", "StudentError", "StudentObject"]

# Set by the engine before each check.
_link_run = None
_link_call = None
_source = ""

# A diff shows at most this many lines of each side: beyond them a student reads nothing
# more, and comparing is quadratic.
_DIFF_LINES = 100

_results = []
# Whether the program ran in the student's interpreter, so that call() finds its functions.
_ran = False


class Run:
    """What one run of the student's program did."""

    def __init__(self, inputs, answer):
        self.inputs = list(inputs)
        self.output = answer["output"]
        """What the program printed (standard output)."""
        self.errors = answer["errors"]
        """What it wrote to standard error: a traceback, if it failed."""
        self.transcript = answer["transcript"]
        """The output as the page shows it: the inputs typed in after their prompts."""
        self.error = answer["error"]
        """The uncaught exception's type name (`"ValueError"`), or None."""
        self.error_line = answer["error_line"]
        self.stopped = answer["stopped"]
        """`"steps"` or `"time"` when the limits stopped the program, else None."""

    @property
    def finished(self):
        return self.error is None and self.stopped is None

    def __repr__(self):
        return f"<Run of main.py with inputs {self.inputs!r}>"


class StudentError(Exception):
    """The student's program or function failed where the check needed its answer. Left
    uncaught, it ends the check with one failed test saying what happened."""

    def __init__(self, words):
        super().__init__(words["catalogue"]["id"])
        self.words = words


class StudentObject:
    """A value of the student's that is not plain data (an object of their class, a
    function...): its type's name and its repr, as text. Equal to nothing."""

    def __init__(self, type_name, text):
        self.type_name = type_name
        self.text = text

    def __eq__(self, other):
        return False

    __hash__ = None

    def __repr__(self):
        return self.text


def run(inputs=()):
    """Runs the student's program afresh with `inputs` (a list of lines, or one text of
    lines) for `input()`; past them `input()` gets end of input (EOFError)."""
    global _ran
    inputs = _lines(inputs)
    answer = _link_run(inputs)
    _ran = True
    if answer["stopped"] == "interrupt":
        raise KeyboardInterrupt
    return Run(inputs, answer)


def call(function, *args, **kwargs):
    """The value of the student's `function(*args, **kwargs)`, in the namespace their
    program's last run left (the program runs first, without input, if it has not run).
    Arguments must be literals (numbers, text, lists, tuples, dicts, sets, True, False,
    None). Raises StudentError when there is no such function or it fails."""
    if not _ran:
        first = run()
        if not first.finished:
            raise StudentError(_failed_run_words(first))
    arguments = (tuple(args), kwargs)
    text = repr(arguments)
    try:
        same = ast.literal_eval(text) == arguments
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        same = False
    if not same:
        raise TypeError("call() passes only literal values (numbers, text, lists, tuples, "
                        "dicts, sets, True, False, None) to the student's function")
    answer = _link_call(function, text)
    kind = answer["kind"]
    if kind == "interrupt":
        raise KeyboardInterrupt
    if kind == "missing":
        raise StudentError(_catalogue("check-no-function", name=function))
    if kind == "not_callable":
        raise StudentError(_catalogue("check-not-a-function", name=function,
                                      type=answer["type"]))
    if kind == "raised":
        raise StudentError(_catalogue("check-function-raised", error=answer["error_line"]))
    if kind == "stopped":
        raise StudentError(_stopped_words(answer["stopped"]))
    if answer["literal"] is not None:
        return ast.literal_eval(answer["literal"])
    return StudentObject(answer["type"], answer["repr"])


def expect(condition, name, message=None):
    """A test of the author's own: it passes when `condition` is true. `name` says what it
    checks; `message` is shown when it fails."""
    _record(bool(condition), _author(name), [_author(message)] if message else [])


def expect_output(expected, inputs=(), *, normalize_whitespace=False, typed_input=True,
                  name=None, message=None):
    """Runs the program with `inputs` and compares what the page would show (its output,
    with each input typed in after its prompt) with `expected`; with `typed_input=False`,
    its output alone (as `python3 main.py < input.txt` prints it). Exactly, but for one
    final newline; with `normalize_whitespace`, runs of spaces count as one and blank
    lines and spaces at the ends of lines are ignored."""
    inputs = _lines(inputs)
    if name is not None:
        title = _author(name)
    elif inputs:
        title = _catalogue("check-output-with-inputs",
                           inputs=", ".join(repr(line) for line in inputs))
    else:
        title = _catalogue("check-output")
    result = run(inputs)
    wanted = _output_lines(expected, normalize_whitespace)
    shown = result.transcript if typed_input else result.output
    got = _output_lines(shown, normalize_whitespace)
    passed = wanted == got and result.finished
    messages = []
    if not passed:
        if message:
            messages.append(_author(message))
        if wanted != got:
            messages.append(_catalogue("check-output-differs"))
        if not result.finished:
            messages.append(_failed_run_words(result))
    _record(passed, title, messages, [] if wanted == got else _diff(wanted, got))
    return result


def expect_returns(function, args, expected, *, name=None, message=None):
    """Calls the student's `function` with `args` (a tuple, or one argument) and compares
    its value with `expected` (floats within a relative 1e-9)."""
    args = args if isinstance(args, tuple) else (args,)
    shown = f"{function}({', '.join(repr(arg) for arg in args)})"
    title = _author(name) if name is not None else _catalogue(
        "check-returns", call=shown, expected=repr(expected))
    messages = [_author(message)] if message else []
    try:
        value = call(function, *args)
    except StudentError as failure:
        _record(False, title, messages + [failure.words])
        return None
    passed = _same(expected, value)
    if passed:
        messages = []
    else:
        messages.append(_catalogue("check-returned-instead", actual=repr(value)))
    _record(passed, title, messages)
    return value


def source():
    """The student's program as text."""
    return _source


def uses_loop():
    """Whether the program has a `for` or `while` loop."""
    return any(isinstance(node, (ast.For, ast.While, ast.AsyncFor)) for node in _nodes())


def calls(name):
    """Whether the program calls `name`, as a function (`print(...)`) or a method
    (`text.upper()`)."""
    for node in _nodes():
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == name:
                return True
            if isinstance(func, ast.Attribute) and func.attr == name:
                return True
    return False


def defines(name):
    """Whether the program defines a function (or class) called `name`."""
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return any(isinstance(node, kinds) and node.name == name for node in _nodes())


def _nodes():
    try:
        return list(ast.walk(ast.parse(_source)))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []


def _lines(inputs):
    if isinstance(inputs, str):
        return inputs.splitlines()
    return [str(line) for line in inputs]


def _output_lines(text, normalize):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not normalize:
        return lines
    # Runs of spaces count as one; blank lines and spaces at the ends of lines as none.
    return [" ".join(line.split()) for line in lines if line.strip()]


def _diff(wanted, got):
    lines = []
    cut = len(wanted) > _DIFF_LINES or len(got) > _DIFF_LINES
    wanted, got = wanted[:_DIFF_LINES], got[:_DIFF_LINES]
    matcher = difflib.SequenceMatcher(None, wanted, got, autojunk=False)
    for tag, w1, w2, g1, g2 in matcher.get_opcodes():
        if tag == "equal":
            lines.extend(("same", line) for line in wanted[w1:w2])
            continue
        lines.extend(("expected", line) for line in wanted[w1:w2])
        lines.extend(("actual", line) for line in got[g1:g2])
    if cut:
        lines.append(("same", "…"))
    return [{"kind": kind, "text": text} for kind, text in lines]


def _same(expected, actual):
    numbers = (int, float)
    if (isinstance(expected, numbers) and isinstance(actual, numbers)
            and not isinstance(expected, bool) and not isinstance(actual, bool)
            and float in (type(expected), type(actual))):
        return math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-12)
    if (type(expected) in (list, tuple) and type(actual) is type(expected)
            and len(expected) == len(actual)):
        return all(_same(e, a) for e, a in zip(expected, actual))
    return expected == actual


def _failed_run_words(result):
    if result.stopped:
        return _stopped_words(result.stopped)
    if result.error == "EOFError" and "EOF when reading a line" in (result.error_line or ""):
        return _catalogue("check-program-wants-input", count=len(result.inputs))
    return _catalogue("check-program-error", error=result.error_line or result.error)


def _stopped_words(reason):
    if reason == "time":
        return _catalogue("check-program-time")
    if reason == "memory":
        return _catalogue("check-program-memory")
    return _catalogue("check-program-steps")


def _author(text):
    return {"author": str(text)}


def _catalogue(message_id, **arguments):
    return {"catalogue": {"id": message_id, "arguments": [[k, v] for k, v in arguments.items()]}}


def _record(passed, name, messages, diff=()):
    _results.append({"passed": passed, "name": name, "messages": [] if passed else messages,
                     "diff": list(diff)})


def _begin(source_text, link_run, link_call):
    """Called by the engine before a check: the names the check's code starts with."""
    global _link_run, _link_call, _source, _ran
    _link_run, _link_call, _source, _ran = link_run, link_call, source_text, False
    _results.clear()
    return {name: globals()[name] for name in __all__}


def _student_failure(exc):
    """Called by the engine with the exception that ended a check: whether it was a
    StudentError, now recorded as the failed test it stands for."""
    if not isinstance(exc, StudentError):
        return False
    _record(False, exc.words, [])
    return True


def _results_json():
    """Called by the engine after a check: its results (`CheckResult`s) as JSON."""
    return json.dumps(_results)
