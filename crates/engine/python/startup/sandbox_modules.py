# Run at start-up: fills what the browser build's built-in modules lack (RustPython leaves
# out what the platform's C library would provide, and a browser has none) where programs
# and the standard library (asyncio above all) expect it. Natively nothing is missing.

import errno
import time

if not errno.errorcode:
    # Programs compare `OSError.errno` with `errno.ENOENT` and the like. Sandpiper's files
    # and `os` behave as Linux's, so the codes are Linux's, loaded from the
    # `_sandpiper_errno` bundle the first time one is asked for (start-up carries none).
    del errno.errorcode

    def _errno_codes(name):
        import _sandpiper_errno

        namespace = vars(errno)
        del namespace["__getattr__"]
        namespace.update(_sandpiper_errno.CODES)
        namespace["errorcode"] = dict(_sandpiper_errno.ERRORCODE)
        if name in namespace:
            return namespace[name]
        raise AttributeError(f"module 'errno' has no attribute '{name}'", name=name, obj=None)

    errno.__getattr__ = _errno_codes

if not hasattr(time, "get_clock_info"):
    # The browser's clocks: `performance.now()` (5 microseconds where the page is
    # cross-origin isolated, coarser elsewhere) and `Date.now()`.
    _CLOCKS = {
        "monotonic": ("performance.now()", True, False, 5e-06),
        "perf_counter": ("performance.now()", True, False, 5e-06),
        "process_time": ("performance.now()", True, False, 5e-06),
        "thread_time": ("performance.now()", True, False, 5e-06),
        "time": ("Date.now()", False, True, 0.001),
    }

    def get_clock_info(name):
        """Information on the named clock, as a namespace."""
        if name not in _CLOCKS:
            raise ValueError("unknown clock")
        from types import SimpleNamespace

        implementation, monotonic, adjustable, resolution = _CLOCKS[name]
        return SimpleNamespace(
            implementation=implementation, monotonic=monotonic, adjustable=adjustable, resolution=resolution
        )

    time.get_clock_info = get_clock_info
