"""An exception as the engine reports it (the engine's `python/startup/support.py` calls in
here): its type, message, frames without the engine's own, CPython's printed text and the
syntax error's place. In the warm bundle, with the `traceback` it uses."""


def type_name(exc_type):
    module = exc_type.__module__
    if module in ("builtins", "__main__"):
        return exc_type.__qualname__
    return f"{module}.{exc_type.__qualname__}"


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
    """(type name, message, frames, printed text, syntax location, hint) of an exception;
    the hint is `_sandpiper_hints`' (message id, arguments) or None."""
    import traceback

    from _sandpiper_hints import hint

    if isinstance(exc, SyntaxError) and exc.text is None and exc.lineno:
        # CPython's compiler reads the line of an error found after parsing ('return'
        # outside function) from the file; the program's file is the engine's, not on disk.
        import linecache

        exc.text = linecache.getline(exc.filename or "", exc.lineno) or None
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
        syntax = (exc.lineno, exc.offset, exc.end_lineno, exc.end_offset, exc.text, exc.filename)
    return (name, message, frames, text, syntax, hint(exc, message))
