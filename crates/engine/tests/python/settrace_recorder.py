# CPython 3.14's side of the line-step tests (line_steps.rs): runs PROGRAM (a string the
# test puts in front of this file) as the file "main.py" under sys.settrace, then prints a
# NUL and one JSON line of its events: [event, co_qualname, f_lineno, variables or None,
# value or None, output, aliases or None] (a 'return''s value, an 'exception''s exception;
# output: the UTF-8 bytes the program wrote to stdout and stderr and read from stdin before
# the event; aliases: for each variable drawn as a box, the index of the first variable
# that refers to the same object, None for the others).
# Variables are taken at 'call', 'line' and a 'return' by RETURN_VALUE or YIELD_VALUE (not
# at 'exception', nor at the 'return' of a frame an exception leaves), each value written
# as the stepper writes it (crates/engine/src/value_text.rs) for the kinds the tests use.
import json as _json
import sys as _sys
import types as _types


def _text(value):
    if isinstance(value, _types.FunctionType):
        return f"<function {value.__qualname__}>"
    if isinstance(value, type):
        return f"<class '{value.__name__}'>"
    if isinstance(value, _types.ModuleType):
        return f"<module '{value.__name__}'>"
    if isinstance(value, _types.BuiltinFunctionType):
        return repr(value)
    if type(value).__module__ == "__main__" or repr(value).startswith("<"):
        return f"<{type(value).__name__} object>"
    return repr(value)


def _names(frame):
    if frame.f_code.co_flags & 0x1:  # CO_OPTIMIZED: a function's fast locals
        return list(frame.f_locals.items())
    names = frame.f_globals if frame.f_code.co_name == "<module>" else frame.f_locals
    return [(name, value) for name, value in names.items()
            if not (name.startswith("__") and name.endswith("__"))]


def _boxed(value):
    # As crates/engine/src/object_recorder.rs draws boxes.
    if isinstance(value, (list, tuple, dict)) or type(value) in (set, frozenset):
        return True
    return (type(value).__module__ == "__main__"
            and not isinstance(value, (type, BaseException)))


def _aliases(names):
    values = [value for _, value in names]
    return [next(j for j, other in enumerate(values) if other is value)
            if _boxed(value) else None for value in values]


_events = []
_output = [0]

# Counts what passes through the standard streams; compiled under another file name, so
# that the trace function (which follows main.py's code only) does not see it.
exec(compile("""
class _Counting:
    def __init__(self, inner, output):
        self._inner = inner
        self._output = output
    def _count(self, text):
        self._output[0] += len(text.encode("utf-8", "surrogatepass"))
        return text
    def write(self, text):
        self._count(text)
        return self._inner.write(text)
    def readline(self, *args):
        return self._count(self._inner.readline(*args))
    def __getattr__(self, name):
        return getattr(self._inner, name)
""", "<recorder>", "exec"))


def _left_by_exception(frame, arg):
    # PY_UNWIND: the frame's last instruction did not return or yield.
    code = frame.f_code.co_code
    return arg is None and code[frame.f_lasti] not in _LEAVING


import opcode as _opcode

_LEAVING = {_opcode.opmap["RETURN_VALUE"], _opcode.opmap["YIELD_VALUE"]}


def _trace(frame, event, arg):
    if frame.f_code.co_filename != "main.py":
        return None
    unwound = event == "return" and _left_by_exception(frame, arg)
    value = None
    if event == "return" and not unwound:
        value = _text(arg)
    elif event == "exception":
        value = _text(arg[1])
    names = None if event == "exception" or unwound else _names(frame)
    _events.append([event, frame.f_code.co_qualname, frame.f_lineno,
                    None if names is None else [[name, _text(v)] for name, v in names],
                    value, _output[0], None if names is None else _aliases(names)])
    return _trace


_code = compile(PROGRAM, "main.py", "exec")
_streams = _sys.stdin, _sys.stdout, _sys.stderr
_sys.stdin, _sys.stdout, _sys.stderr = (_Counting(stream, _output) for stream in _streams)
_sys.settrace(_trace)
try:
    exec(_code, {"__name__": "__main__", "__builtins__": __builtins__})
except BaseException:
    pass
finally:
    _sys.settrace(None)
    _sys.stdin, _sys.stdout, _sys.stderr = _streams
print("\0" + _json.dumps(_events))
