# Run inside RustPython's `_dummy_os` module (it serves as `os`). Its stand-ins return an
# exception object instead of raising, so `os.system(...)` looked like it worked. Here they
# raise OSError, which the standard library expects on a platform without the call
# (`linecache` catches it around `os.stat`). Names the standard library probes with
# `hasattr` to decide whether processes exist stay absent.

_ABSENT = {"fork", "forkpty", "register_at_fork"}


def __getattr__(name):
    if name.startswith("__") or name in _ABSENT:
        raise AttributeError(f"module 'os' has no attribute '{name}'", name=name, obj=None)
    if name.isupper():
        return 0

    def unavailable(*args, **kwargs):
        raise OSError(
            f"os.{name}() is not available: Sandpiper programs cannot reach "
            "the computer's files, processes or network"
        )

    unavailable.__name__ = name
    return unavailable
