# Helpers the engine runs inside the interpreter, in a namespace programs cannot reach.
# `traceback` (with dataclasses, inspect, ast, dis behind it) and `re` are imported when
# first needed, not at start-up, where importing them took most of the interpreter's
# build time in the browser.
import linecache


def remember_source(filename, source):
    """Let tracebacks show the program's lines."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


def type_name(exc_type):
    module = exc_type.__module__
    if module in ("builtins", "__main__"):
        return exc_type.__qualname__
    return f"{module}.{exc_type.__qualname__}"


def _mend_syntax_error(exc):
    """RustPython words one message differently, and leaves out the line's text for errors
    found after parsing ('return' outside function, 'break' outside loop)."""
    if exc.msg == "unexpected indentation":
        exc.msg = "unexpected indent"
        exc.args = (exc.msg,) + exc.args[1:]
    if exc.text is None and exc.lineno:
        exc.text = linecache.getline(exc.filename or "", exc.lineno) or None


def _cpython_wording(exc):
    """Mend the messages where RustPython's wording differs from CPython's."""
    if isinstance(exc, SyntaxError):
        return _mend_syntax_error(exc)
    args = exc.args
    if not (args and isinstance(args[0], str)):
        return
    message = args[0]
    if isinstance(exc, RecursionError):
        message = message.rstrip()
    elif isinstance(exc, ValueError) and message == "I/O operation on closed file":
        message += "."
    elif isinstance(exc, UnboundLocalError):
        import re

        old = re.fullmatch(r"local variable '(.*)' referenced before assignment", message)
        if old:
            message = (f"cannot access local variable '{old.group(1)}' "
                       "where it is not associated with a value")
    exc.args = (message,) + args[1:]


def _without_engine_frames(te, seen=None):
    """Drop the frames of the engine's own Python (`open()`, the `os` file calls), which
    CPython implements natively, from `te` and the exceptions chained to it."""
    import traceback

    seen = set() if seen is None else seen
    if te is None or id(te) in seen:
        return
    seen.add(id(te))
    te.stack = traceback.StackSummary.from_list(
        [f for f in te.stack if f.filename != "<sandpiper>"])
    _without_engine_frames(te.__cause__, seen)
    _without_engine_frames(te.__context__, seen)


def describe(exc):
    """(type name, message, frames, printed text, syntax location) of an exception."""
    import traceback

    _cpython_wording(exc)
    te = traceback.TracebackException.from_exception(exc)
    _without_engine_frames(te)
    text = "".join(te.format())
    last = list(te.format_exception_only())[-1].rstrip("\n")
    name = type_name(type(exc))
    message = last[len(name) + 2:] if last.startswith(name + ": ") else ""
    frames = [
        (f.filename, f.lineno or 0, f.end_lineno, f.colno, f.end_colno, f.name)
        for f in te.stack
    ]
    syntax = None
    if isinstance(exc, SyntaxError):
        message = exc.msg
        syntax = (exc.lineno, exc.offset, exc.end_lineno, exc.end_offset, exc.text)
    return (name, message, frames, text, syntax)


def _code_objects(code):
    """`code` and every code object nested in its constants, depth first."""
    found = [code]
    for constant in code.co_consts:
        if hasattr(constant, "co_code"):
            found.extend(_code_objects(constant))
    return found


def disassemble(code):
    """Every code object of a compiled program, as JSON for the engine's `CodeInfo`."""
    import dis
    import json

    def instruction(i):
        p = i.positions
        return {
            "offset": i.offset,
            "opname": i.opname,
            "opcode": i.opcode,
            "arg": i.arg,
            "argrepr": i.argrepr,
            "line": p.lineno if p else None,
            "end_line": p.end_lineno if p else None,
            "column": p.col_offset if p else None,
            "end_column": p.end_col_offset if p else None,
            "jump_target": i.jump_target,
            "is_jump_target": i.is_jump_target,
        }

    return json.dumps([
        {
            "name": co.co_name,
            "qualname": co.co_qualname,
            "first_line": co.co_firstlineno,
            "argcount": co.co_argcount,
            "posonlyargcount": co.co_posonlyargcount,
            "kwonlyargcount": co.co_kwonlyargcount,
            "flags": co.co_flags,
            "flag_names": dis.pretty_flags(co.co_flags).split(", ") if co.co_flags else [],
            "stacksize": co.co_stacksize,
            "consts": [repr(c) for c in co.co_consts],
            "names": list(co.co_names),
            "varnames": list(co.co_varnames),
            "cellvars": list(co.co_cellvars),
            "freevars": list(co.co_freevars),
            "co_code": list(co.co_code),
            "instructions": [instruction(i) for i in dis.get_instructions(co)],
        }
        for co in _code_objects(code)
    ])
