"""Signals for Sandpiper: no other process can send one, so handlers are recorded and
never called, except through `raise_signal`. Stop still interrupts a program with
KeyboardInterrupt, as Ctrl+C would."""

SIG_DFL = 0
SIG_IGN = 1
SIGHUP = 1
SIGINT = 2
SIGQUIT = 3
SIGILL = 4
SIGTRAP = 5
SIGABRT = 6
SIGFPE = 8
SIGKILL = 9
SIGUSR1 = 10
SIGSEGV = 11
SIGUSR2 = 12
SIGPIPE = 13
SIGALRM = 14
SIGTERM = 15
SIGCHLD = 17
SIGCONT = 18
SIGSTOP = 19
SIGWINCH = 28
NSIG = 65


def default_int_handler(signalnum, frame):
    raise KeyboardInterrupt


_handlers = {SIGINT: default_int_handler}


def _check(signalnum):
    if not 1 <= signalnum < NSIG:
        raise ValueError("signal number out of range")


def signal(signalnum, handler):
    _check(signalnum)
    if signalnum in (SIGKILL, SIGSTOP):
        raise OSError(22, "Invalid argument")
    if handler not in (SIG_DFL, SIG_IGN) and not callable(handler):
        raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
    previous = _handlers.get(signalnum, SIG_DFL)
    _handlers[signalnum] = handler
    return previous


def getsignal(signalnum):
    _check(signalnum)
    return _handlers.get(signalnum, SIG_DFL)


def raise_signal(signalnum):
    import sys

    _check(signalnum)
    handler = _handlers.get(signalnum, SIG_DFL)
    if callable(handler):
        handler(signalnum, sys._getframe(1))
    elif handler == SIG_DFL and signalnum not in (SIGCHLD, SIGCONT, SIGWINCH):
        raise SystemExit(128 + signalnum)


def valid_signals():
    return set(range(1, NSIG))


def strsignal(signalnum):
    _check(signalnum)
    return None


def set_wakeup_fd(fd, *, warn_on_full_buffer=True):
    return -1


def alarm(seconds):
    raise OSError("signal.alarm() is not available in Sandpiper")
