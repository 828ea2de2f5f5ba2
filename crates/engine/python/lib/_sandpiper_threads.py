"""What makes the standard library's thread tools work in a build with one thread.

RustPython's `_thread` there is a stand-in whose `start_new_thread` runs the function at
once, to its end, in the caller, and whose locks never block. The bundle finder
(src/stdlib_finder.py) imports this module before `threading` first runs, so that
`threading` binds the functions changed here, and calls `after_loading` on `threading`
and `concurrent.futures.thread` once they have run. Compiled with the engine's file name,
so its frames stay out of tracebacks.
"""

import _thread
import sys

ONE_THREAD = hasattr(_thread, "_MAIN_THREAD_IDENT")

# Each started thread gets an ident of its own while it runs, as in CPython: the stand-in
# answered the main thread's ident everywhere, so a finished thread unregistered the main
# thread from `threading` (`current_thread()` became a `_DummyThread`).
_running = [_thread.get_ident()]
_new_idents = iter(range(1, 2**62))


def get_ident():
    """The ident of the thread running now."""
    return _running[-1]


def _stops_the_run(error):
    """Whether `error` is a stop (Stop, the step or time limit): no error of a thread's or
    task's, to be reported and got over, but what ends the run, pointing at the line that
    was running. Stops are the exceptions that are not `Exception`s (nor `SystemExit`,
    which ends only its thread)."""
    return error is not None and not isinstance(error, (Exception, SystemExit))


def _run_as_thread(ident, function, *args):
    # A stop goes on up through `start()`; the stand-in printed it and carried on.
    _running.append(ident)
    try:
        function(*args)
    except SystemExit:
        pass
    finally:
        _running.pop()


def start_new_thread(function, args, kwargs={}):
    """Runs the function at once, to its end, as a thread of its own."""
    if not isinstance(args, tuple):
        raise TypeError("2nd arg must be a tuple")
    if not isinstance(kwargs, dict):
        raise TypeError("3rd arg must be a dict")

    def run():
        try:
            function(*args, **kwargs)
        except Exception:
            import traceback

            print(f"Exception ignored in thread started by: {function!r}", file=sys.stderr)
            traceback.print_exc()

    ident = next(_new_idents)
    _run_as_thread(ident, run)
    return ident


def start_joinable_thread(function, handle=None, daemon=True):
    """Runs the function at once, to its end, as a thread of its own."""
    if handle is None:
        handle = _thread._ThreadHandle()
    handle._ident = next(_new_idents)
    try:
        _run_as_thread(handle._ident, function)
    finally:
        handle._set_done()
    return handle


def _thread_stops_end_the_run(threading):
    # `Thread` reports whatever its target raised through `threading.excepthook`; a stop
    # goes on up instead, before any of that reporting's own code runs (once a run is
    # stopped, each further step of Python raises the stop again, from wherever it is).
    make_invoke_excepthook = threading._make_invoke_excepthook

    def _make_invoke_excepthook():
        report = make_invoke_excepthook()

        def invoke_excepthook(thread):
            if _stops_the_run(sys.exception()):
                raise
            report(thread)

        return invoke_excepthook

    threading._make_invoke_excepthook = _make_invoke_excepthook


# The stand-in's `Lock.acquire` granted a held lock, so a timed wait (`Event.wait(1)`,
# `Condition.wait(1)`, `threading.Timer`) returned at once as if woken, and a real
# deadlock went on silently.
def _acquire(self, blocking=True, timeout=-1):
    """Takes the lock; a held lock cannot be released by anyone while this one waits."""
    if not blocking and timeout != -1:
        raise ValueError("can't specify a timeout for a non-blocking call")
    if not self.locked_status:
        self.locked_status = True
        return True
    if not blocking:
        return False
    if timeout < 0:
        raise RuntimeError(
            "deadlock: this lock is already held, and waiting for it would never end "
            "(Sandpiper runs each thread to its end as soon as it starts, so no other "
            "thread can release it; CPython would wait here forever)"
        )
    import time

    time.sleep(timeout)
    return False


# Without these `threading.Condition` judges ownership by trying a non-blocking acquire,
# which a reentrant lock always grants, so a `Condition()` (an RLock by default) refused
# every `notify` with "cannot notify on un-acquired lock". With one thread, whoever holds
# the lock is the caller.
def _is_owned(self):
    return self.locked_count > 0


def _release_save(self):
    count, self.locked_count = self.locked_count, 0
    return count


def _acquire_restore(self, count):
    self.locked_count = count


if ONE_THREAD:
    _thread.get_ident = get_ident
    _thread.start_new_thread = start_new_thread
    _thread.start_joinable_thread = start_joinable_thread
    _thread.LockType.acquire = _thread.LockType.__enter__ = _acquire
    _thread.RLock._is_owned = _is_owned
    _thread.RLock._release_save = _release_save
    _thread.RLock._acquire_restore = _acquire_restore


def _run_submitted_work(self):
    """Runs what was submitted, now, in the submitting thread, as a pool's worker would.

    A worker thread waits for work between tasks; here it would run to its end inside
    `start()`, find the queue empty and die, leaving later tasks never run.
    """
    from concurrent.futures import _base
    import queue

    context = self.__dict__.get("_one_thread_context")
    if context is None:
        context = self._one_thread_context = self._create_worker_context()
        try:
            context.initialize()
        except BaseException:
            _base.LOGGER.critical("Exception in initializer:", exc_info=True)
            self._initializer_failed()
            return
    while True:
        try:
            work_item = self._work_queue.get_nowait()
        except queue.Empty:
            return
        if work_item is None:
            continue
        work_item.run(context)
        # The item keeps what the task raised for its future, a stop too.
        error = None if work_item.future.cancelled() else work_item.future.exception()
        if _stops_the_run(error):
            raise error


def _thread_pool_runs_inline(thread):
    thread.ThreadPoolExecutor._adjust_thread_count = _run_submitted_work


_CHANGES = {
    "threading": _thread_stops_end_the_run,
    "concurrent.futures.thread": _thread_pool_runs_inline,
}


def after_loading(module):
    """Changes `module` (one of the finder's `THREAD_MODULES`) once it has run."""
    if ONE_THREAD:
        _CHANGES[module.__name__](module)
