"""CPython's wording of syntax errors where RustPython's parser differs: the engine mends
a syntax error before it is reported (`_sandpiper_report`), so the student reads what
CPython prints. These belong in the parser (a patch to the series in patches/), where a
program that compiles code itself would see them too."""

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
    """Mend a syntax error where RustPython's parser words or places it differently.
    Runtime messages are fixed where they are raised, in the patched interpreter
    (patches/rustpython-vm/)."""
    if isinstance(exc, SyntaxError):
        _mend_syntax_error(exc)
