# Helpers the engine runs inside the interpreter, in a namespace programs cannot reach.
# What reports errors, `help()` and the bytecode viewer's data live in `_sandpiper_support`
# (crates/engine/lib), in the warm bundle with the `traceback`, `dis` and `json` they use:
# imported when first needed, not at start-up, where importing them took most of the
# interpreter's build time in the browser, and where the worker's snapshot of the started
# interpreter would carry them.
import linecache


def remember_source(filename, source):
    """Let tracebacks show the program's lines."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


def describe(exc):
    """(type name, message, frames, printed text, syntax location) of an exception."""
    from _sandpiper_support import describe

    return describe(exc)


def disassemble(code):
    """Every code object of a compiled program, as JSON for the engine's `CodeInfo`."""
    from _sandpiper_support import disassemble

    return disassemble(code)


class Helper:
    """The builtin `help`, as CPython's `site` adds it: `pydoc.help`, here with the
    docstrings RustPython's native functions and types lack."""

    def __repr__(self):
        return "Type help() for interactive help, or help(object) for help about object."

    def __call__(self, *args, **kwds):
        from _sandpiper_support import help

        return help(*args, **kwds)


help = Helper()
