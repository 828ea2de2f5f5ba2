"""CPython's wording where RustPython's differs: the engine mends an exception's message
before it is reported (`_sandpiper_report`), so the student reads what CPython prints.
A later change moves these fixes into the interpreter itself (a patch series), where a
program that catches the error sees them too."""

import linecache


def _string_literal_around(source, index):
    """(prefix, body start, body end) of the string literal of `source` that holds
    `index`, or None; found by scanning from the start, past comments."""
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "#":
            i = source.find("\n", i)
            if i < 0:
                return None
        elif c in "\"'":
            j = i
            while j > max(i - 2, 0) and source[j - 1] in "rRbBfFuU":
                j -= 1
            quote = source[i:i + 3] if source[i:i + 3] in ('"""', "'''") else c
            start = end = i + len(quote)
            while end < n and not source.startswith(quote, end) and (
                    len(quote) == 3 or source[end] != "\n"):
                end += 2 if source[end] == "\\" else 1
            if start <= index < end:
                return source[j:i].lower(), start, min(end, n)
            i = end + len(quote)
            continue
        i += 1
    return None


def _mend_escape_error(exc):
    """CPython's message for a bad escape in a string literal (`"C:\\Users"`), in place
    of RustPython's 'got unexpected unicode', with the caret on the escape."""
    lines = linecache.getlines(exc.filename or "")
    lineno = exc.lineno or 1
    if not (exc.text and 0 < lineno <= len(lines) and lines[lineno - 1] == exc.text):
        lines, lineno = [exc.text or ""], 1
    source = "".join(lines)
    line_start = len("".join(lines[:lineno - 1]))
    backslash = source.rfind("\\", line_start, line_start + max(exc.offset or 1, 1))
    literal = _string_literal_around(source, backslash) if backslash >= 0 else None
    exc.msg = "(unicode error) invalid escape sequence in a string literal"
    if literal is not None:
        import codecs

        prefix, start, end = literal
        if "f" in prefix:
            start = max(start, source.rfind("}", start, backslash) + 1)
        before = len(source[start:backslash].encode())
        escape = source[backslash:end].encode()
        try:
            codecs.unicode_escape_decode(escape)
        except UnicodeDecodeError as error:
            if "b" in prefix:
                exc.msg = f"(value error) invalid \\x escape at position {before}"
            else:
                exc.msg = ("(unicode error) 'unicodeescape' codec can't decode bytes in "
                           f"position {before + error.start}-{before + error.end - 1}: "
                           f"{error.reason}")
            width = len(escape[:error.end].decode(errors="ignore"))
            exc.offset = backslash - line_start + 1
            exc.end_lineno, exc.end_offset = exc.lineno, exc.offset + width


def _mend_syntax_error(exc):
    """RustPython words some messages differently, and leaves out the line's text for
    errors found after parsing ('return' outside function, 'break' outside loop)."""
    if exc.text is None and exc.lineno:
        exc.text = linecache.getline(exc.filename or "", exc.lineno) or None
    said = exc.msg
    if exc.msg == "unexpected indentation":
        exc.msg = "unexpected indent"
    elif exc.msg == "got unexpected unicode":
        _mend_escape_error(exc)
    elif exc.msg.startswith("expected an indented block after "):
        _mend_block_start(exc)
    elif exc.msg == "invalid syntax" and exc.text and 0 < (exc.offset or 0) <= len(exc.text):
        _mend_invalid_character(exc)
    if exc.msg != said:
        exc.args = (exc.msg,) + exc.args[1:]


def _mend_invalid_character(exc):
    """Name the character that cannot be in Python code, as CPython does: most often a
    curly quote or a dash pasted from a document, which RustPython calls 'invalid syntax'."""
    char = exc.text[exc.offset - 1]
    if char.isascii() or ("a" + char).isidentifier():
        return
    if char.isprintable():
        exc.msg = f"invalid character '{char}' (U+{ord(char):04X})"
    else:
        exc.msg = f"invalid non-printable character U+{ord(char):04X}"
    exc.end_lineno, exc.end_offset = exc.lineno, exc.offset


def _mend_block_start(exc):
    """RustPython names the line just before the missing block, which may be a comment or
    the last line of a long header; CPython names the line where the statement starts."""
    import re

    named = re.fullmatch(r"expected an indented block after (.+) on line (\d+)", exc.msg)
    lines = linecache.getlines(exc.filename or "")
    if not (named and 0 < int(named.group(2)) <= len(lines)):
        return
    what, named_line = named.group(1), int(named.group(2))
    keyword = {"function definition": "def", "class definition": "class"}.get(
        what, what.split(" ")[0].strip("'"))
    header = re.compile(rf"\s*(async\s+)?{re.escape(keyword)}(?!\w)")
    for lineno in range(named_line, 0, -1):
        if header.match(lines[lineno - 1]):
            exc.msg = f"expected an indented block after {what} on line {lineno}"
            return


def mend(exc):
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
    elif isinstance(exc, TypeError) and message.startswith("class ") and (
            " without an implementation for abstract method" in message):
        message = "Can't instantiate abstract " + message
    elif isinstance(exc, TypeError) and isinstance(exc.__cause__, TypeError) and (
            message.startswith("cannot use ") and message.endswith(
                f"as a set element ({exc.__cause__})")):
        # CPython 3.11 says what the cause says, without the chain.
        message = str(exc.__cause__)
        exc.__cause__, exc.__suppress_context__ = None, True
    elif isinstance(exc, TypeError) and message.startswith("Cannot add list and "):
        message = f'can only concatenate list (not "{message[len("Cannot add list and "):]}") to list'
    elif isinstance(exc, TypeError) and message.startswith("can only concatenate "):
        message = message.replace("(not '", '(not "').replace("') to ", '") to ')
    elif isinstance(exc, TypeError) and any(
            note.startswith("Cannot convert dictionary update sequence element #")
            for note in getattr(exc, "__notes__", ())):
        # RustPython adds CPython 3.11's message as a note to an "object is not iterable".
        note = next(note for note in exc.__notes__ if note.startswith("Cannot convert dictionary"))
        exc.__notes__.remove(note)
        if not exc.__notes__:
            del exc.__notes__
        message = "c" + note[1:]
    elif isinstance(exc, UnboundLocalError):
        import re

        old = re.fullmatch(r"local variable '(.*)' referenced before assignment", message)
        if old:
            message = (f"cannot access local variable '{old.group(1)}' "
                       "where it is not associated with a value")
    exc.args = (message,) + args[1:]
