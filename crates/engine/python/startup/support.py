# The engine's entry points into Python, in a namespace programs cannot reach. Each job
# lives in a module of its own in the warm bundle (python/lib: `_sandpiper_report`,
# `_sandpiper_disassembly`, `_sandpiper_help`, `_sandpiper_console`), with the `traceback`,
# `dis` and `json` it uses, imported when first needed: at start-up importing them took most of the
# interpreter's build time in the browser, and the worker's snapshot of the started
# interpreter would carry them.
import linecache


def remember_source(filename, source):
    """Let tracebacks show the program's lines."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


def set_earlier_examples(sources):
    """The code of the widgets above a grouped widget, for a NameError's hint."""
    import _sandpiper_hints

    _sandpiper_hints.earlier_examples = list(sources)


def describe(exc):
    """(type name, message, frames, printed text, syntax location, hint) of an exception."""
    from _sandpiper_report import describe

    return describe(exc)


def disassemble(code):
    """Every code object of a compiled program, as JSON for the engine's `CodeInfo`."""
    from _sandpiper_disassembly import disassemble

    return disassemble(code)


def compile_entry(source):
    """A REPL entry's code object, None while it needs more lines, or its SyntaxError."""
    from _sandpiper_console import compile_entry

    return compile_entry(source)


def complete(namespace, text):
    """Tab completion of `text` in the REPL's namespace."""
    from _sandpiper_console import completions

    return completions(namespace, text)


class Helper:
    """The builtin `help`, as CPython's `site` adds it: `pydoc.help`, here with the
    docstrings RustPython's native functions and types lack."""

    def __repr__(self):
        return "Type help() for interactive help, or help(object) for help about object."

    def __call__(self, *args, **kwds):
        from _sandpiper_help import help

        return help(*args, **kwds)


help = Helper()
