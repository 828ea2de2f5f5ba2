"""The page, for CPython 3.14 running turtle.py with the engine's stand-in tkinter
(tests/python/turtle.rs): it stands in for the engine's native `_sandpiper_io`, keeping
what is drawn and answering the wait for events from a list the test gives."""

import json
import time

# Every drawing operation, as JSON data.
OPS = []
# The answers to successive waits for events with no time limit (a program in mainloop
# with no timer due: the student acts while it waits); when none are left, none can come.
EVENTS = []


def draw(op):
    OPS.append(json.loads(json.dumps(op)))


def wait_events(timeout):
    if timeout is not None:
        time.sleep(timeout)
        return []
    return EVENTS.pop(0) if EVENTS else None
