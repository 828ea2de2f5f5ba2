"""`select` for Sandpiper: the only files that can become ready are the in-memory socket
pairs of `_socket`; waiting for anything else is waiting for the timeout (a sleep that Stop
interrupts)."""

import time as _time

import _socket

error = OSError
_SLICE = 0.05


def _ready(items, test):
    ready = []
    for item in items:
        fileno = item if isinstance(item, int) else item.fileno()
        end = _socket._open.get(fileno)
        if end is None or test(end):
            ready.append(item)
    return ready


def select(rlist, wlist, xlist, timeout=None):
    if timeout is not None and timeout < 0:
        raise ValueError("timeout must be non-negative")
    deadline = None if timeout is None else _time.monotonic() + timeout
    while True:
        readable = _ready(rlist, _socket._End.readable)
        writable = _ready(wlist, lambda end: True)
        if readable or writable:
            return readable, writable, []
        left = None if deadline is None else deadline - _time.monotonic()
        if left is not None and left <= 0:
            return [], [], []
        _time.sleep(_SLICE if left is None else min(left, _SLICE))


# CPython's `select` is a built-in function, which does not bind as a method:
# `selectors.SelectSelector` stores it as a class attribute and calls it through `self`.
select = staticmethod(select)
