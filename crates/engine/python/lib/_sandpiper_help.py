"""The builtin `help()`: `pydoc.help`, with CPython's docstrings of the native functions
and types that RustPython builds without (the `_sandpiper_docs` bundle)."""


def help(*args, **kwds):
    """`pydoc.help`, with the docstrings RustPython's native functions and types lack."""
    import pydoc

    if not hasattr(pydoc, "_sandpiper_getdoc"):
        own_doc = pydoc._getdoc
        pydoc._getdoc = pydoc._sandpiper_getdoc = (
            lambda thing: own_doc(thing) or _native_doc(thing))
    return pydoc.help(*args, **kwds)


_native_doc_spans = None


def _documented_name(thing):
    """(module, dotted path in it) under which CPython files the docstring of `thing`."""
    import inspect

    if inspect.ismodule(thing):
        return thing.__name__, ""
    if inspect.isclass(thing):
        return thing.__module__, thing.__qualname__
    name = getattr(thing, "__name__", None)
    owner = getattr(thing, "__objclass__", None) or getattr(thing, "__self__", None)
    if not isinstance(name, str):
        return None
    if owner is None or inspect.ismodule(owner):
        return getattr(thing, "__module__", None) or getattr(owner, "__name__", "builtins"), name
    owner = owner if inspect.isclass(owner) else type(owner)
    return owner.__module__, f"{owner.__qualname__}.{name}"


def _native_doc(thing):
    """CPython's docstring of a native module, type or function, from `_sandpiper_docs`;
    None when that bundle cannot be had (then help() shows signatures only)."""
    global _native_doc_spans
    try:
        import _sandpiper_docs
    except ImportError:
        return None
    if _native_doc_spans is None:
        _native_doc_spans = {}
        for line in _sandpiper_docs.INDEX.splitlines():
            name, offset, length = line.rsplit(" ", 2)
            _native_doc_spans[name] = (int(offset), int(length))
    found = _documented_name(thing)
    if found is None:
        return None
    module, path = found
    # Modules are filed under their CPython names: `_io` for `io`, `math` for `_math`.
    for candidate in (module, module.lstrip("_"), "_" + module):
        span = _native_doc_spans.get(f"{candidate}.{path}" if path else candidate)
        if span:
            offset, length = span
            return _sandpiper_docs.TEXT[offset:offset + length].decode()
    return None
