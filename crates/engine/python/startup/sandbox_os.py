# Run inside RustPython's `_dummy_os` module (it serves as `os`). Its stand-ins return an
# exception object instead of raising, so `os.system(...)` looked like it worked. Here they
# raise OSError, which the standard library expects on a platform without the call
# (`linecache` catches it around `os.stat`). Names the standard library probes with
# `hasattr` to decide whether processes exist stay absent.

_ABSENT = {"fork", "forkpty", "register_at_fork"}
# What `_sandpiper_posix` (crates/engine/lib) holds besides the constants and `W...` status
# functions, whose names are all capitals: loaded the first time one of them is asked for.
_POSIX = {"error", "strerror", "terminal_size", "get_terminal_size", "fsencode", "fsdecode",
          "access", "chmod", "_walk_symlinks_as_files"}


def __getattr__(name):
    if name in _POSIX or (name.isupper() and not name.startswith("_")):
        import _sandpiper_posix

        if hasattr(_sandpiper_posix, name):
            value = globals()[name] = getattr(_sandpiper_posix, name)
            return value
    # Private names (`from posix import _path_normpath`) are the standard library probing
    # for a native speed-up; absent, it uses its pure-Python version.
    if name.startswith("_") or name in _ABSENT or name.isupper():
        raise AttributeError(f"module 'os' has no attribute '{name}'", name=name, obj=None)

    def unavailable(*args, **kwargs):
        raise OSError(
            f"os.{name}() is not available: Sandpiper programs cannot reach "
            "the computer's files, processes or network"
        )

    unavailable.__name__ = name
    return unavailable


# `posixpath` was imported while `_dummy_os` was, and took a stand-in for `splitroot`
# (which broke `pathlib`): import it again now that the probe fails as it should.
def _reload_posixpath():
    import importlib
    import sys

    importlib.reload(sys.modules["posixpath"])


_reload_posixpath()
del _reload_posixpath


# What `os` has on every POSIX system and the standard library reads: the platform's
# name, path constants, an environment, and randomness.
name = "posix"
linesep = "\n"
from posixpath import altsep, curdir, defpath, devnull, extsep, pardir, pathsep  # noqa: E402

environ = {"HOME": "/home/student", "USER": "student", "LANG": "C.UTF-8", "PATH": defpath}


def _get_exports_list(module):
    # CPython's `os` helper, which `socket` uses to build its `__all__`.
    try:
        return list(module.__all__)
    except AttributeError:
        return [name for name in dir(module) if name[0] != "_"]


def getenv(key, default=None):
    return environ.get(key, default)


def urandom(size):
    # The interpreter's own generator is seeded from the host's entropy.
    import _random

    return _random.Random().getrandbits(size * 8).to_bytes(size, "little") if size else b""


def cpu_count():
    return 1


process_cpu_count = cpu_count


def getpid():
    return 1


# `os.PathLike[str]`, as in CPython (`importlib.resources`, and `zoneinfo` through it).
PathLike.__class_getitem__ = classmethod(type(list[int]))
