"""Runs a program inside Pyodide's CPython 3.14 the way `python3 main.py` runs it, for
tests/cpython.mjs: `main.py` as `__main__` in a fresh folder that holds only it, standard input from a
given text, and on an error CPython's traceback on standard error and exit status 1.
One interpreter serves many programs (starting Pyodide costs a second or two), so each run
gets its own `__main__`, folder, streams and modules, and puts back what it changed."""

import atexit
import builtins
import gc
import importlib
import io
import json
import linecache
import os
import re
import sys
import traceback
import types

_runs = 0

# Pyodide's CPython runs on Emscripten, whose errno numbers are not Linux's (ENOENT is 44,
# not 2); the engine's `os` is Linux's, as students' machines and graders are. The
# "[Errno N]" an OSError prints is translated by name to Linux's number (asm-generic).
_LINUX_ERRNO = {
    name: number for number, name in enumerate(
        "EPERM ENOENT ESRCH EINTR EIO ENXIO E2BIG ENOEXEC EBADF ECHILD EAGAIN ENOMEM EACCES "
        "EFAULT ENOTBLK EBUSY EEXIST EXDEV ENODEV ENOTDIR EISDIR EINVAL ENFILE EMFILE ENOTTY "
        "ETXTBSY EFBIG ENOSPC ESPIPE EROFS EMLINK EPIPE EDOM ERANGE EDEADLK ENAMETOOLONG "
        "ENOLCK ENOSYS ENOTEMPTY ELOOP".split(), start=1)
}


def _linux_errno(text):
    import errno

    def linux(match):
        name = errno.errorcode.get(int(match[1]))
        return f"[Errno {_LINUX_ERRNO.get(name, match[1])}]"

    return re.sub(r"\[Errno (\d+)\]", linux, text)


class _Pipe(io.BytesIO):
    """What a stream writes to: like a pipe, it keeps what was written when the stream is
    closed (by the program, or when Python collects it)."""

    def close(self):
        pass


def _exit_status(exit):
    """The status `SystemExit` ends the process with, printing a message as CPython does."""
    if exit.code is None:
        return 0
    if isinstance(exit.code, int):
        return exit.code & 0xFF
    print(exit.code, file=sys.stderr)
    return 1


def _print_traceback(error):
    """CPython's traceback, starting at the program's own frames (this file's are left out,
    as the interpreter's own C code would leave no frames)."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != "main.py":
        tb = tb.tb_next
    traceback.print_exception(type(error), error, tb)


def _forget_new_modules(before):
    """Puts `sys.modules` back as it was `before` a run, except that extension modules
    stay: Pyodide cannot load one twice (a second `import unicodedata` after its removal
    ends the interpreter with "table index is out of bounds")."""
    for name, module in list(sys.modules.items()):
        extension = name in sys.builtin_module_names or str(
            getattr(module, "__file__", "")).endswith(".so")
        if name not in before and not extension:
            del sys.modules[name]
    sys.modules.update(before)


def _install_library(library, folder):
    """Writes `library` ({path: text}) under `folder` and puts it first on `sys.path`: modules
    the run imports instead of (or besides) the standard library's."""
    for path, text in library.items():
        target = os.path.join(folder, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as file:
            file.write(text)
    sys.path.insert(0, folder)
    importlib.invalidate_caches()


def run_as_main(source, stdin, library=None):
    """Runs `source` as `main.py` with `stdin` as its standard input; returns JSON with
    `stdout`, `stderr` and `status`, as a process would end. `library`: modules it can
    import ({path: text}, see `_install_library`)."""
    global _runs
    _runs += 1
    folder = f"/tmp/sandpiper-reference/run-{_runs}"
    os.makedirs(folder)
    path = list(sys.path)
    if library:
        _install_library(json.loads(library), f"/tmp/sandpiper-reference/library-{_runs}")
    home = os.getcwd()
    os.chdir(folder)
    # The folder holds main.py, as `python3 main.py`'s does (`os.listdir()` lists it).
    with open("main.py", "w", encoding="utf-8") as file:
        file.write(source)
    # Tracebacks quote the program's lines from here, whatever the program does to its file.
    linecache.cache["main.py"] = (len(source), None, source.splitlines(True), "main.py")
    main = types.ModuleType("__main__")
    main.__file__ = "main.py"
    main.__builtins__ = builtins
    modules = dict(sys.modules)
    saved = (sys.stdin, sys.stdout, sys.stderr, sys.argv, sys.getrecursionlimit())
    stdout, stderr = _Pipe(), _Pipe()
    # As through pipes: UTF-8, standard error with backslash escapes for what cannot be encoded.
    sys.stdout = io.TextIOWrapper(stdout, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(stderr, encoding="utf-8", errors="backslashreplace",
                                  write_through=True)
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8")
    sys.argv = ["main.py"]
    sys.modules["__main__"] = main
    status = 0
    try:
        exec(compile(source, "main.py", "exec"), main.__dict__)
    except SystemExit as exit:
        status = _exit_status(exit)
    except BaseException as error:
        if isinstance(error, SyntaxError) and error.text is None and error.lineno:
            # `python3 main.py` compiles a file, whose line the compiler reads for errors
            # found after parsing ('return' outside function); here the source is a string.
            lines = source.splitlines(keepends=True)
            if error.lineno <= len(lines):
                error.text = lines[error.lineno - 1]
        _print_traceback(error)
        status = 1
    try:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        atexit._clear()
        # What the program left is finalized now, its output dropped: a `__del__` run later
        # would print into another program's output.
        sys.stdout = sys.stderr = io.StringIO()
        main.__dict__.clear()
        gc.collect()
        sys.stdin, sys.stdout, sys.stderr, sys.argv, limit = saved
        sys.setrecursionlimit(limit)
        sys.path[:] = path
        _forget_new_modules(modules)
        linecache.cache.pop("main.py", None)
        os.chdir(home)
    return json.dumps({
        "stdout": _linux_errno(stdout.getvalue().decode("utf-8", "replace")),
        "stderr": _linux_errno(stderr.getvalue().decode("utf-8", "replace")),
        "status": status,
    })
