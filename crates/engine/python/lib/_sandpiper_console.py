"""The REPL's two jobs that CPython's interactive console does in Python: deciding whether
an entry is complete (`codeop`, as `code.InteractiveConsole` does) and completing a name or
attribute (`rlcompleter`, as readline's Tab does)."""

import codeop


def compile_entry(source):
    """The entry's code object, None while CPython's console would prompt `...`, or the
    entry's SyntaxError (returned: the console shows it without a traceback)."""
    try:
        return codeop.compile_command(source, "<stdin>", "single")
    except SyntaxError as error:
        error.__traceback__ = None
        text = (error.text or "").rstrip("\n")
        if error.lineno == source.count("\n") + 1 and (error.offset or 0) > len(text):
            # CPython's parser, allowing incomplete input as the console asks it to, gives
            # an error at the very end of the entry no column (so no caret is shown).
            error.offset = error.end_offset = 0
        return error


def completions(namespace, text):
    """Every completion of `text` in `namespace`, in rlcompleter's order."""
    import rlcompleter

    completer = rlcompleter.Completer(namespace)
    matches = []
    while (match := completer.complete(text, len(matches))) is not None:
        matches.append(match)
    return matches
