# Helpers the engine runs inside the interpreter, in a namespace programs cannot reach.
import linecache
import traceback


def remember_source(filename, source):
    """Let tracebacks show the program's lines."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


def type_name(exc_type):
    module = exc_type.__module__
    if module in ("builtins", "__main__"):
        return exc_type.__qualname__
    return f"{module}.{exc_type.__qualname__}"


def describe(exc):
    """(type name, message, frames, printed text, syntax location) of an exception."""
    te = traceback.TracebackException.from_exception(exc)
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
