"""A beginner's hint for an uncaught exception: what went wrong in this program and what to
try, as a message id of the catalogue (crates/messages/locales/*.ftl) and its arguments.

Computed from the exception, the source and the values of the failing frame. Nothing here
calls the program's own code (no repr() of its objects, no attribute lookups on them): only
values of the builtin types are read, so a hostile program cannot steer or stall the hint.
When nothing specific can be said the answer is None: no hint beats a generic one."""

import ast
import linecache
import re
import sys

# Packages students meet in tutorials that are not part of Python itself.
_THIRD_PARTY = {"numpy", "pandas", "matplotlib", "requests", "pygame", "scipy", "sklearn",
                "flask", "django", "bs4", "PIL", "cv2", "tensorflow", "torch", "seaborn"}
# Methods that change their object in place and give back None.
_GIVES_NONE = {"sort", "append", "extend", "insert", "reverse", "remove", "clear", "update",
               "add", "discard"}
_BLOCK_KEYWORDS = {"if", "elif", "else", "for", "while", "def", "class", "try", "except",
                   "finally", "with"}
_CLOSING = {"(": ")", "[": "]", "{": "}"}
# The code of the widgets above this one in its group (`data-session`), set by the engine
# before a grouped widget's run.
earlier_examples = []


def hint(exc, message):
    """(message id, [(argument, value)]) for `exc`, whose message as printed is `message`
    (with the traceback module's "Did you mean" suggestions), or None."""
    try:
        found = _hint(exc, message)
    except Exception:
        return None
    if found is None:
        return None
    message, arguments = found
    return message, list(arguments.items())


def _hint(exc, message):
    if isinstance(exc, SyntaxError):
        return _syntax_hint(exc)
    handler = _handler(type(exc))
    if handler is None:
        return None
    place = _Place.of(exc, message)
    return handler(exc, place) if place else None


def _handler(kind):
    """The hint for an exception of exactly a builtin type (or the budget's stops): never
    for a program's own class, whose str() or attributes are its code."""
    import builtins

    name = kind.__name__
    if name in _STOPS and kind.__module__ == "builtins":
        return _stopped
    if getattr(builtins, name, None) is not kind:
        return None
    return _RUNTIME.get(name)


# --- Where a runtime error happened -------------------------------------------------------

class _Place:
    """The innermost frame of the student's own files: its line, the failing expression's
    node where the positions find one, the statement and the frame's variables."""

    def __init__(self, message, frame, summary, tree, lines):
        self.message = message
        self.frame = frame
        self.line = summary.lineno
        self.tree = tree
        self.lines = lines
        self.node = _expression_at(tree, summary)

    @classmethod
    def of(cls, exc, message):
        import traceback

        tb = exc.__traceback__
        frames = [frame for frame, _ in traceback.walk_tb(tb)]
        summaries = traceback.extract_tb(tb)
        for frame, summary in reversed(list(zip(frames, summaries))):
            lines = linecache.getlines(summary.filename)
            if not lines or summary.filename.startswith("<") or not summary.lineno:
                continue
            try:
                tree = ast.parse("".join(lines))
            except (SyntaxError, ValueError):
                return None
            return cls(message, frame, summary, tree, lines)
        return None

    def value(self, name):
        """(True, value) of variable `name` in the frame, or (False, None)."""
        for scope in (self.frame.f_locals, self.frame.f_globals):
            if type(scope).__name__ == "FrameLocalsProxy":
                scope = dict(scope)
            if type(scope) is dict and name in scope:
                return True, scope[name]
        return False, None

    def source(self, node):
        return ast.get_source_segment("".join(self.lines), node) or ""

    def statement(self):
        """The innermost statement on the failing line."""
        best = None
        for node in ast.walk(self.tree):
            if isinstance(node, ast.stmt) and node.lineno <= self.line <= node.end_lineno:
                if best is None or node.lineno >= best.lineno:
                    best = node
        return best

    def assignments(self, name):
        """Lines where `name` gets a value (assignment, for, def, class, import), in order."""
        found = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id == name:
                found.append((node.lineno, node))
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
                found.append((node.lineno, node))
        return sorted(found, key=lambda pair: pair[0])

    def assigned_from(self, name):
        """The value expression last assigned to `name` before the failing line."""
        best = None
        for node in ast.walk(self.tree):
            if (isinstance(node, ast.Assign) and node.lineno <= self.line
                    and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)):
                if best is None or node.lineno > best.lineno:
                    best = node
        return best.value if best else None

    def from_input(self, name):
        """Whether `name` was last given the text input() returns (unconverted)."""
        value = self.assigned_from(name)
        return (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                and value.func.id == "input")


def _expression_at(tree, summary):
    if summary.colno is None:
        return None
    for node in ast.walk(tree):
        if (isinstance(node, ast.expr) and node.lineno == summary.lineno
                and node.end_lineno == summary.end_lineno
                and node.col_offset == summary.colno
                and node.end_col_offset == summary.end_colno):
            return node
    return None


def _shown(value):
    """A builtin value as Python writes it, kept short; None for anything else."""
    kind = type(value)
    if kind is bool or value is None:
        return repr(value)
    if kind is int:
        return repr(value) if -10**15 < value < 10**15 else None
    if kind is float:
        return repr(value)
    if kind is str:
        return repr(value if len(value) <= 30 else value[:30]) + ("…" if len(value) > 30 else "")
    return None


def _type_word(value):
    """The catalogue's word for a builtin value's type (a selector in the messages)."""
    return {str: "str", int: "int", float: "float", list: "list", tuple: "tuple", dict: "dict",
            type(None): "none", bool: "bool"}.get(type(value), "other")


def _names_in(node):
    return [n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]


# --- Syntax errors ------------------------------------------------------------------------

def _syntax_hint(exc):
    message = exc.msg or ""
    line = exc.lineno or 0
    column = exc.offset or 0
    text = exc.text or (linecache.getline(exc.filename or "", line) if line else "")
    words = text.strip().replace(":", " ").replace("(", " ").split()
    first = words[0] if words else ""
    kind = type(exc).__name__

    if kind == "TabError":
        return "hint-tabs-and-spaces", {"line": line}
    if message == "unexpected indent":
        return "hint-unexpected-indent", {"line": line}
    if message.startswith("expected an indented block"):
        found = re.search(r"on line (\d+)", message)
        opener = int(found.group(1)) if found else line
        keyword = _first_word(linecache.getline(exc.filename or "", opener))
        return "hint-expected-indented-block", {"line": opener, "keyword": keyword}
    if message == "unindent does not match any outer indentation level":
        if first in ("else", "elif", "except", "finally"):
            return "hint-misaligned-else", {"line": line, "keyword": first}
        return "hint-unindent-mismatch", {"line": line}
    if message == "expected ':'" and first in _BLOCK_KEYWORDS:
        return "hint-missing-colon", {"line": line, "keyword": first}
    found = re.fullmatch(r"'(.)' was never closed", message)
    if found:
        bracket = found.group(1)
        return "hint-never-closed", {"bracket": bracket, "closing": _CLOSING.get(bracket, ""),
                                     "line": line, "column": column}
    found = re.fullmatch(r"unmatched '(.)'", message)
    if found:
        closing = found.group(1)
        opening = {v: k for k, v in _CLOSING.items()}.get(closing, "")
        return "hint-unmatched-bracket", {"bracket": closing, "opening": opening, "line": line}
    found = re.fullmatch(r"closing parenthesis '(.)' does not match opening parenthesis '(.)'.*",
                         message)
    if found:
        closing, opening = found.groups()
        return "hint-mismatched-bracket", {"closing": closing, "opening": opening,
                                           "expected": _CLOSING.get(opening, ""), "line": line}
    if "Maybe you meant '==' or ':=' instead of '='" in message:
        return "hint-equals-for-comparison", {"line": line}
    if message.startswith("cannot assign to") and "instead of '='" in message:
        return "hint-assign-to-expression", {"line": line}
    if message.startswith("unterminated triple-quoted string"):
        return "hint-unterminated-triple-string", {"line": line}
    if message.startswith("unterminated string literal"):
        quote = text[column - 1] if 0 < column <= len(text) else '"'
        return "hint-unterminated-string", {"line": line, "column": column, "quote": quote}
    if message.startswith("Missing parentheses in call to 'print'"):
        return "hint-print-needs-parentheses", {"line": line}
    found = re.fullmatch(r"invalid (?:non-printable )?character (?:'(.)' )?\((U\+[0-9A-F]+)\)|"
                         r"invalid non-printable character (U\+[0-9A-F]+)", message)
    if found:
        character, code, bare_code = found.groups()
        code = code or bare_code
        if character in ("“", "”", "‘", "’"):
            return "hint-curly-quote", {"line": line, "character": character}
        return "hint-invalid-character", {"line": line, "code": code,
                                          "character": character or " "}
    if message == "invalid decimal literal" and re.match(r"\s*\d+[A-Za-z_]\w*\s*=", text):
        return "hint-name-starts-with-digit", {"line": line}
    if message.startswith("invalid syntax") and _comma_mends(exc, text, column):
        return "hint-missing-comma", {"line": line}
    if message == "expected '('" and first == "def" and len(words) > 1:
        return "hint-def-needs-parentheses", {"line": line, "name": words[1]}
    if message == "'return' outside function":
        return "hint-return-outside-function", {"line": line}
    found = re.fullmatch(r"'(break|continue)' (?:outside loop|not properly in loop)", message)
    if found:
        return "hint-outside-loop", {"line": line, "keyword": found.group(1)}
    if message == "invalid syntax" and first in ("else", "elif"):
        return "hint-else-without-if", {"line": line, "keyword": first}
    return None


def _comma_mends(exc, text, column):
    """Whether a comma where the error is makes the program valid (CPython says "Perhaps
    you forgot a comma?" there, and RustPython's parser not always)."""
    lines = linecache.getlines(exc.filename or "")
    line = exc.lineno or 0
    if not 0 < line <= len(lines) or not 0 < column <= len(text) or "," in text[column - 2:column]:
        return False
    before = text[:column - 1]
    if sum(before.count(c) for c in "([{") <= sum(before.count(c) for c in ")]}"):
        return False  # Outside brackets: `for i in range 10:` wants parentheses, not a comma.
    mended = text[:column - 1].rstrip() + ", " + text[column - 1:]
    try:
        compile("".join(lines[:line - 1] + [mended] + lines[line:]), "<mended>", "exec",
                ast.PyCF_ONLY_AST)
    except (SyntaxError, ValueError):
        return False
    return True


def _first_word(text):
    found = re.match(r"\s*([A-Za-z_]+)", text)
    return found.group(1) if found else ""


# --- Runtime errors -----------------------------------------------------------------------

def _name_error(exc, place):
    name = getattr(exc, "name", None)
    if not name:
        return None
    for number, source in enumerate(earlier_examples, 1):
        if _defines(source, name):
            return "hint-name-in-earlier-example", {"name": name, "example": number}
    message = place.message
    found = re.search(r"Did you mean: '(\w+)'\?", message)
    if found:
        return "hint-name-typo", {"name": name, "suggestion": found.group(1)}
    if "Did you forget to import" in message or name in getattr(sys, "stdlib_module_names", ()):
        return "hint-name-not-imported", {"name": name}
    later = [line for line, _ in place.assignments(name) if line > place.line]
    if later:
        return "hint-name-defined-later", {"name": name, "line": place.line, "defined": later[0]}
    return "hint-name-not-defined", {"name": name, "line": place.line}


def _defines(source, name):
    """Whether `source` gives `name` a value at its top level (outside functions and classes)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.name == name:
                return True
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id == name:
            return True
        if isinstance(node, ast.alias) and (node.asname or node.name.split(".")[0]) == name:
            return True
        pending.extend(ast.iter_child_nodes(node))
    return False


def _unbound_local(exc, place):
    found = re.search(r"local variable '(\w+)'", place.message)
    if not found:
        return None
    name = found.group(1)
    function = place.frame.f_code.co_name
    lines = [line for line, node in place.assignments(name)
             if isinstance(node, ast.Name) and _inside_function(place.tree, line, function)]
    if not lines or name not in place.frame.f_globals:
        return None
    return "hint-unbound-local", {"name": name, "function": function, "assigned": lines[0]}


def _inside_function(tree, line, function):
    for node in ast.walk(tree):
        if (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function
                and node.lineno <= line <= node.end_lineno):
            return True
    return False


def _type_error(exc, place):
    message = place.message
    node = place.node
    if message.startswith("can only concatenate str") or re.match(
            r"unsupported operand type\(s\) for \+: '(int|float)' and 'str'", message):
        return _text_and_number(place, node, "+")
    found = re.match(r"unsupported operand type\(s\) for ([-*/%]+|\*\*): '(str|int|float)' and "
                     r"'(str|int|float)'", message)
    if found and "str" in found.groups()[1:]:
        return _text_and_number(place, node, found.group(1))
    if message.startswith('can only concatenate list (not "'):
        return _list_plus_item(place, node)
    if "'NoneType'" in message and ("unsupported operand" in message
                                    or "not subscriptable" in message
                                    or "not iterable" in message):
        return _none_from(place, node)
    found = re.fullmatch(r"'(\w+)' object is not callable", message)
    if found and isinstance(node, ast.Call):
        return _not_callable(place, node)
    found = re.fullmatch(r"'(int|float)' object is not iterable", message)
    if found and node is not None and any(
            isinstance(loop, (ast.For, ast.comprehension)) and loop.iter is node
            for loop in ast.walk(place.tree)):
        return "hint-iterate-number", {"expression": place.source(node)}
    if "' object does not support item assignment" in message:
        target = node.value if isinstance(node, ast.Subscript) else None
        found = re.match(r"'(str|tuple)'", message)
        if found and isinstance(target, ast.Name):
            return "hint-cannot-change", {"name": target.id, "type": found.group(1)}
        return None
    found = re.fullmatch(r"(\w+)\(\) missing (\d+) required positional arguments?: (.*)", message)
    if found:
        return _missing_argument(place, *found.groups())
    found = re.fullmatch(r"([\w.]+)\(\) takes (\d+) positional arguments? but (\d+) (?:was|were) "
                         r"given", message)
    if found:
        return _argument_count(place, *found.groups())
    found = re.fullmatch(r"'([<>]=?)' not supported between instances of '(str|int|float)' and "
                         r"'(str|int|float)'", message)
    if found and isinstance(node, ast.Compare):
        for side in [node.left, *node.comparators]:
            if isinstance(side, ast.Name):
                ok, value = place.value(side.id)
                if ok and type(value) is str:
                    return "hint-compare-text-number", {
                        "name": side.id, "value": _shown(value),
                        "input": "yes" if place.from_input(side.id) else "no"}
        return None
    if message == "list indices must be integers or slices, not str":
        return _index_is_text(place, node)
    if message in ("'float' object cannot be interpreted as an integer",
                   "list indices must be integers or slices, not float"):
        return _division_gives_float(place, node)
    if message == "'list' object cannot be interpreted as an integer" and isinstance(node, ast.Call):
        if (isinstance(node.func, ast.Name) and node.func.id == "range" and node.args
                and isinstance(node.args[0], ast.Name)):
            return "hint-range-of-list", {"name": node.args[0].id}
        return None
    if message.startswith("can't multiply sequence by non-int of type 'float'"):
        if isinstance(node, ast.BinOp):
            for side in (node.left, node.right):
                if isinstance(side, ast.Name):
                    ok, value = place.value(side.id)
                    if ok and type(value) is str:
                        return "hint-text-times-decimal", {
                            "name": side.id, "value": _shown(value),
                            "input": "yes" if place.from_input(side.id) else "no"}
        return None
    if message == "object of type 'int' has no len()" and isinstance(node, ast.Call):
        if node.args and isinstance(node.args[0], ast.Name):
            return "hint-length-of-number", {"name": node.args[0].id}
    return None


def _text_and_number(place, node, operator):
    """Text and a number (or two texts) in arithmetic: name the variable holding the text
    (from input(): convert it) or, for +, the number (convert it to text)."""
    if not isinstance(node, ast.BinOp):
        return None
    sides = []
    for side in (node.left, node.right):
        if isinstance(side, ast.Name):
            ok, value = place.value(side.id)
            if ok:
                sides.append((side.id, value))
    # A text from input() where a number was meant: convert the text.
    for name, value in sides:
        if type(value) is str and place.from_input(name) and _is_number(value):
            return "hint-input-is-text", {"name": name, "value": _shown(value)}
    if operator != "+":
        for name, value in sides:
            if type(value) is str:
                return "hint-text-in-arithmetic", {"name": name, "value": _shown(value),
                                                   "operator": operator}
        return None
    for name, value in sides:
        if type(value) in (int, float):
            return "hint-join-text-and-number", {"name": name, "value": _shown(value)}
    return None


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def _list_plus_item(place, node):
    if not isinstance(node, ast.BinOp) or not isinstance(node.left, ast.Name):
        return None
    ok, value = place.value(node.left.id)
    if not ok or type(value) is not list:
        return None
    return "hint-list-plus-item", {"name": node.left.id, "item": place.source(node.right)}


def _none_from(place, node):
    """Something was None: say which function or method gave it back."""
    candidates = []
    if isinstance(node, ast.BinOp):
        found = re.search(r": '(\w+)' and '(\w+)'", place.message)
        sides = [node.left, node.right]
        candidates = ([side for side, kind in zip(sides, found.groups()) if kind == "NoneType"]
                      if found else sides)
    elif isinstance(node, (ast.Subscript, ast.Attribute)):
        candidates = [node.value]
    elif node is not None:
        candidates = [node]
    for candidate in candidates:
        found = _gives_none(place, candidate)
        if found:
            return found
    return None


def _gives_none(place, expression):
    if isinstance(expression, ast.Name):
        ok, value = place.value(expression.id)
        if not ok or value is not None:
            return None
        expression_source = place.assigned_from(expression.id)
        if expression_source is None:
            return None
        name = expression.id
        expression = expression_source
    else:
        name = None
    if not isinstance(expression, ast.Call):
        return None
    function = expression.func
    called = function.attr if isinstance(function, ast.Attribute) else (
        function.id if isinstance(function, ast.Name) else None)
    if called is None:
        return None
    definition = _definition(place.tree, called)
    if definition is not None and isinstance(function, ast.Name):
        returns = any(isinstance(n, ast.Return) and n.value is not None
                      for n in ast.walk(definition))
        return ("hint-function-returns-none",
                {"function": called, "defined": definition.lineno,
                 "returns": "some" if returns else "none"})
    if called == "print" and name:
        return "hint-print-returns-none", {"name": name}
    if called in _GIVES_NONE and isinstance(function, ast.Attribute):
        arguments = {"method": called, "object": place.source(function.value)}
        if name:
            return "hint-method-returns-none", {**arguments, "name": name}
        return "hint-method-result-none", arguments
    return None


def _definition(tree, name):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return node
    return None


def _attribute_error(exc, place):
    message = place.message
    node = place.node
    if message.startswith("'NoneType' object has no attribute"):
        if isinstance(node, ast.Call):
            node = node.func
        if isinstance(node, ast.Attribute):
            return _gives_none(place, node.value)
        return None
    found = re.match(r"'str' object has no attribute '(append|insert|remove|pop|extend|sort)'",
                     message)
    if found:
        target = node.func if isinstance(node, ast.Call) else node
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            return "hint-text-has-no-method", {"name": target.value.id, "method": found.group(1)}
        return None
    found = re.match(r"module '(\w+)' has no attribute", message)
    if found and found.group(1) in getattr(sys, "stdlib_module_names", ()):
        module = sys.modules.get(found.group(1))
        filename = getattr(module, "__file__", None) if module is not None else None
        if isinstance(filename, str) and linecache.getlines(filename):
            import os

            return "hint-module-shadowed", {"module": found.group(1),
                                            "file": os.path.basename(filename)}
    return None


def _not_callable(place, node):
    function = node.func
    if isinstance(function, ast.Name):
        builtins = __builtins__ if isinstance(__builtins__, dict) else vars(__builtins__)
        if function.id in builtins:
            assigned = [line for line, n in place.assignments(function.id)
                        if isinstance(n, ast.Name)]
            if assigned:
                return "hint-shadowed-builtin", {"name": function.id, "assigned": assigned[0]}
        ok, value = place.value(function.id)
        if ok and type(value) in (int, float):
            return "hint-missing-operator", {"value": function.id}
    if isinstance(function, ast.Constant) and type(function.value) in (int, float):
        return "hint-missing-operator", {"value": place.source(function)}
    return None


def _missing_argument(place, function, count, names):
    definition = _definition(place.tree, function)
    if definition is None:
        return None
    parameters = ", ".join(a.arg for a in definition.args.args)
    missing = re.findall(r"'(\w+)'", names)
    return "hint-missing-argument", {"function": function, "defined": definition.lineno,
                                     "parameters": parameters, "count": int(count),
                                     "missing": ", ".join(missing)}


def _argument_count(place, qualified, takes, given):
    name = qualified.rsplit(".", 1)[-1]
    definition = _definition(place.tree, name)
    if definition is None:
        return None
    is_method = "." in qualified
    parameters = [a.arg for a in definition.args.args]
    if is_method and (not parameters or parameters[0] != "self") and int(given) == int(takes) + 1:
        return "hint-missing-self", {"method": name, "defined": definition.lineno}
    return "hint-too-many-arguments", {"function": name, "defined": definition.lineno,
                                       "parameters": ", ".join(parameters),
                                       "takes": int(takes), "given": int(given)}


def _division_gives_float(place, node):
    """range(n / 2) or items[len(items) / 2]: / always gives a float; // a whole number."""
    if isinstance(node, ast.Subscript):
        use, candidates = "index", [node.slice]
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range":
        use, candidates = "range", list(node.args)
    else:
        return None
    for candidate in candidates:
        division = next((n for n in ast.walk(candidate)
                         if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div)), None)
        if division is not None:
            left, right = place.source(division.left), place.source(division.right)
            return "hint-division-gives-float", {"expression": place.source(division),
                                                 "fixed": f"{left} // {right}", "use": use}
    return None


def _index_is_text(place, node):
    if not isinstance(node, ast.Subscript) or not isinstance(node.slice, ast.Name):
        return None
    index = node.slice.id
    container = place.source(node.value)
    for loop in ast.walk(place.tree):
        if (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name)
                and loop.target.id == index and place.source(loop.iter) == container
                and loop.lineno <= place.line <= loop.end_lineno):
            return "hint-index-with-item", {"index": index, "name": container}
    ok, value = place.value(index)
    if ok and type(value) is str:
        return "hint-index-is-text", {"index": index, "value": _shown(value)}
    return None


def _subscripted(place, types):
    """For a failing `name[...]` whose name holds a value of exactly one of `types`: the
    subscript node and that value; else (None, None)."""
    node = place.node
    if not isinstance(node, ast.Subscript) or not isinstance(node.value, ast.Name):
        return None, None
    ok, value = place.value(node.value.id)
    return (node, value) if ok and type(value) in types else (None, None)


def _index_error(exc, place):
    node, container = _subscripted(place, (list, tuple, str))
    if node is None:
        return None
    index = _evaluate_index(place, node.slice)
    if index is None:
        return None
    length = len(container)
    arguments = {"name": node.value.id, "length": length, "index": index,
                 "type": _type_word(container)}
    if length == 0:
        return "hint-index-empty", arguments
    arguments["last"] = length - 1
    return "hint-index-out-of-range", arguments


def _evaluate_index(place, node):
    """An index made of ints and names holding ints (i, i + 1, -1, len(x)), or None."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.Name):
        ok, value = place.value(node.id)
        return value if ok and type(value) is int else None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _evaluate_index(place, node.operand)
        return -inner if inner is not None else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        left, right = _evaluate_index(place, node.left), _evaluate_index(place, node.right)
        if left is None or right is None:
            return None
        return left + right if isinstance(node.op, ast.Add) else left - right
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len"
            and len(node.args) == 1 and isinstance(node.args[0], ast.Name)):
        ok, value = place.value(node.args[0].id)
        return len(value) if ok and type(value) in (list, tuple, str, dict) else None
    return None


def _key_error(exc, place):
    node, mapping = _subscripted(place, (dict,))
    if node is None or len(exc.args) != 1:
        return None
    key = exc.args[0]
    shown = _shown(key)
    if shown is None:
        return None
    arguments = {"name": node.value.id, "key": shown}
    if not mapping:
        return "hint-key-in-empty-dict", arguments
    keys = [k for k in list(mapping)[:200] if type(k) in (str, int)]
    if not keys:
        return None
    if type(key) is str:
        import difflib

        texts = [k for k in keys if type(k) is str]
        folded = [k for k in texts if k.lower() == key.lower()]
        close = folded or difflib.get_close_matches(key, texts, n=3, cutoff=0.6)
        if close:
            arguments["close"] = ", ".join(_shown(k) for k in close)
            return "hint-key-close", arguments
    arguments["keys"] = ", ".join(_shown(k) for k in keys[:6]) + (", …" if len(keys) > 6 else "")
    return "hint-key-missing", arguments


def _zero_division(exc, place):
    node = place.node
    if not isinstance(node, ast.BinOp):
        return None
    divisor = node.right
    if isinstance(divisor, ast.Name):
        return "hint-divide-by-zero", {"name": divisor.id}
    if (isinstance(divisor, ast.Call) and isinstance(divisor.func, ast.Name)
            and divisor.func.id == "len" and len(divisor.args) == 1
            and isinstance(divisor.args[0], ast.Name)):
        return "hint-divide-by-empty", {"name": divisor.args[0].id}
    return None


def _value_error(exc, place):
    message = place.message
    found = re.fullmatch(r"invalid literal for int\(\) with base 10: (.*)", message, re.S)
    if found:
        text = found.group(1)
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return None
        if type(value) is not str:
            return None
        if value.strip() == "":
            return "hint-int-from-empty", {}
        try:
            float(value)
        except ValueError:
            return "hint-int-from-text", {"text": text}
        return "hint-int-from-decimal", {"text": text}
    found = re.fullmatch(r"could not convert string to float: (.*)", message, re.S)
    if found:
        text = found.group(1)
        if re.fullmatch(r"'\s*-?\d+,\d{1,2}\s*'", text):
            return "hint-decimal-comma", {"text": text, "fixed": text.replace(",", ".")}
        return "hint-float-from-text", {"text": text}
    found = re.fullmatch(r"too many values to unpack \(expected (\d+).*", message)
    if found:
        statement = place.statement()
        if isinstance(statement, ast.For) and isinstance(statement.iter, ast.Name):
            ok, value = place.value(statement.iter.id)
            if ok and type(value) is dict:
                return "hint-unpack-dict-loop", {"name": statement.iter.id}
    return None


def _recursion(exc, place):
    import traceback

    names = [frame.f_code.co_name for frame, _ in traceback.walk_tb(exc.__traceback__)]
    if not names:
        return None
    function = max(set(names), key=names.count)
    if names.count(function) < 50:
        return None
    definition = _definition(place.tree, function)
    if definition is None:
        return None
    values = []
    if place.frame.f_code.co_name == function:
        for argument in definition.args.args:
            ok, value = place.value(argument.arg)
            shown = _shown(value) if ok else None
            if shown is not None:
                values.append(f"{argument.arg} = {shown}")
    arguments = {"function": function, "defined": definition.lineno}
    if values:
        return "hint-recursion-values", {**arguments, "values": ", ".join(values)}
    return "hint-recursion-without-end", arguments


def _file_not_found(exc, place):
    import os

    name = getattr(exc, "filename", None)
    if not isinstance(name, str):
        return None
    try:
        files = sorted(f for f in os.listdir(".") if not f.startswith("."))
    except OSError:
        return None
    lowered = [f for f in files if f.lower() == name.lower()]
    if lowered:
        return "hint-file-case", {"file": name, "existing": lowered[0]}
    shown = ", ".join(files[:10]) + (", …" if len(files) > 10 else "")
    return "hint-file-not-found", {"file": name, "files": shown, "count": len(files)}


def _module_not_found(exc, place):
    name = getattr(exc, "name", None)
    if not isinstance(name, str):
        return None
    top = name.split(".")[0]
    if top in _THIRD_PARTY:
        return "hint-module-not-available", {"module": top}
    import difflib

    known = sorted(getattr(sys, "stdlib_module_names", ()))
    if top in known:
        return None
    close = difflib.get_close_matches(top, [k for k in known if not k.startswith("_")], n=1,
                                      cutoff=0.8)
    if close:
        return "hint-module-typo", {"module": top, "suggestion": close[0]}
    return None


def _stopped(exc, place):
    """The budget or the time limit stopped a loop that never ended: which loop, and why."""
    loops = [node for node in ast.walk(place.tree)
             if isinstance(node, (ast.While, ast.For))
             and node.lineno <= place.line <= node.end_lineno]
    if not loops:
        return None
    loop = max(loops, key=lambda node: node.lineno)
    if isinstance(loop, ast.For):
        if isinstance(loop.iter, ast.Name):
            grows = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                        and n.func.attr in ("append", "extend", "insert")
                        and isinstance(n.func.value, ast.Name) and n.func.value.id == loop.iter.id
                        for n in ast.walk(loop))
            if grows:
                return "hint-loop-grows-list", {"line": loop.lineno, "name": loop.iter.id}
        return None
    test = loop.test
    if isinstance(test, ast.Constant) and test.value:
        breaks = any(isinstance(n, (ast.Break, ast.Return)) for n in ast.walk(loop))
        if not breaks:
            return "hint-loop-without-break", {"line": loop.lineno}
        return "hint-loop-never-breaks", {"line": loop.lineno}
    names = sorted(set(_names_in(test)))
    changed = set()
    for node in ast.walk(loop):
        if node is test:
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            changed.add(node.id)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            # items.pop() and the like change what the name holds.
            if isinstance(node.func.value, ast.Name):
                changed.add(node.func.value.id)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            changed.update(node.names)
    calls = any(isinstance(n, ast.Call) for n in ast.walk(test))
    unchanged = [name for name in names if name not in changed]
    if unchanged and not calls and len(unchanged) == len(names):
        return "hint-loop-condition-unchanged", {"line": loop.lineno,
                                                 "condition": place.source(test),
                                                 "names": ", ".join(unchanged),
                                                 "count": len(unchanged)}
    return "hint-loop-still-running", {"line": loop.lineno, "condition": place.source(test)}


_RUNTIME = {
    "NameError": _name_error,
    "UnboundLocalError": _unbound_local,
    "TypeError": _type_error,
    "AttributeError": _attribute_error,
    "IndexError": _index_error,
    "KeyError": _key_error,
    "ZeroDivisionError": _zero_division,
    "ValueError": _value_error,
    "RecursionError": _recursion,
    "FileNotFoundError": _file_not_found,
    "ModuleNotFoundError": _module_not_found,
}
# The budget's stops (crates/engine/src/budget.rs), not builtins but the engine's.
_STOPS = ("InstructionLimitExceeded", "TimeLimitExceeded")
