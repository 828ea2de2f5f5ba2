"""Sockets for Sandpiper: a program in the browser reaches no network, so the only sockets
that work are the connected pairs `socketpair()` makes in memory (what asyncio's event
loop uses to wake itself). Anything else raises OSError."""

import errno as _errno

AF_UNIX = 1
AF_INET = 2
AF_INET6 = 10
AF_UNSPEC = 0
SOCK_STREAM = 1
SOCK_DGRAM = 2
SOCK_RAW = 3
SOCK_NONBLOCK = 2048
SOCK_CLOEXEC = 524288
SOL_SOCKET = 1
SO_REUSEADDR = 2
SO_KEEPALIVE = 9
SO_ERROR = 4
SO_TYPE = 3
IPPROTO_TCP = 6
IPPROTO_UDP = 17
IPPROTO_IP = 0
IPPROTO_IPV6 = 41
TCP_NODELAY = 1
MSG_PEEK = 2
MSG_DONTWAIT = 64
AI_PASSIVE = 1
AI_CANONNAME = 2
AI_NUMERICHOST = 4
NI_NUMERICHOST = 1
NI_NUMERICSERV = 2
SHUT_RD = 0
SHUT_WR = 1
SHUT_RDWR = 2
SOMAXCONN = 4096
has_ipv6 = False

error = OSError
timeout = TimeoutError


class herror(OSError):
    pass


class gaierror(OSError):
    pass


_UNAVAILABLE = "Sandpiper programs cannot reach the network"
_default_timeout = None
# The in-memory sockets by file number, so that `select.select` can tell which have data.
_open = {}
_next_fileno = 1000


def _unavailable(*args, **kwargs):
    raise OSError(_errno.ENETUNREACH, _UNAVAILABLE)


getaddrinfo = gethostbyname = gethostbyname_ex = gethostbyaddr = _unavailable
getnameinfo = getservbyname = getservbyport = getprotobyname = _unavailable


def gethostname():
    return "sandpiper"


def getdefaulttimeout():
    return _default_timeout


def setdefaulttimeout(value):
    global _default_timeout
    _default_timeout = value


class socket:
    # `socket.socket` subclasses this and adds `__weakref__` in its own slots.
    __slots__ = ("_end", "_family", "_type", "_proto", "_timeout")

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None:
            raise OSError(_errno.ENETUNREACH, _UNAVAILABLE)
        end = _open.get(fileno)
        if end is None:
            raise OSError(_errno.EBADF, "Bad file descriptor")
        self._end = end
        self._family = AF_UNIX if family in (-1, None) else family
        self._type = SOCK_STREAM if type in (-1, None) else type
        self._proto = 0 if proto in (-1, None) else proto
        self._timeout = _default_timeout

    # Read-only, as in CPython; `socket.socket` wraps the first two in enums.
    family = property(lambda self: self._family)
    type = property(lambda self: self._type)
    proto = property(lambda self: self._proto)

    def fileno(self):
        return self._end.fileno if self._end is not None else -1

    def detach(self):
        fileno = self.fileno()
        self._end = None
        return fileno

    def close(self):
        if self._end is not None:
            self._end.close()
            self._end = None

    def _live(self):
        if self._end is None:
            raise OSError(_errno.EBADF, "Bad file descriptor")
        return self._end

    def setblocking(self, flag):
        self._timeout = None if flag else 0.0

    def settimeout(self, value):
        self._timeout = value

    def gettimeout(self):
        return self._timeout

    def getblocking(self):
        return self._timeout != 0.0

    def send(self, data, flags=0):
        return self._live().send(bytes(data))

    sendall = send

    def recv(self, size, flags=0):
        end = self._live()
        if not end.inbox and not end.peer_closed:
            if self._timeout == 0.0:
                raise BlockingIOError(_errno.EAGAIN, "Resource temporarily unavailable")
            raise OSError(_errno.EDEADLK, "recv() would wait forever: nothing else can write to this socket")
        data = bytes(end.inbox[:size])
        del end.inbox[:size]
        return data

    def recv_into(self, buffer, nbytes=0, flags=0):
        data = self.recv(nbytes or len(buffer), flags)
        buffer[: len(data)] = data
        return len(data)

    def shutdown(self, how):
        self._live()

    def getsockopt(self, *args):
        return 0

    def setsockopt(self, *args):
        pass

    def getsockname(self):
        return ""

    def getpeername(self):
        return ""

    bind = listen = accept = connect = connect_ex = sendto = recvfrom = _unavailable

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


SocketType = socket


class _End:
    def __init__(self):
        global _next_fileno
        self.fileno = _next_fileno
        _next_fileno += 1
        self.inbox = bytearray()
        self.peer = None
        self.peer_closed = False
        _open[self.fileno] = self

    def send(self, data):
        if self.peer is None:
            raise BrokenPipeError(_errno.EPIPE, "Broken pipe")
        self.peer.inbox += data
        return len(data)

    def readable(self):
        return bool(self.inbox) or self.peer_closed

    def close(self):
        _open.pop(self.fileno, None)
        if self.peer is not None:
            self.peer.peer_closed = True
            self.peer.peer = None
            self.peer = None


def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0):
    a, b = _End(), _End()
    a.peer, b.peer = b, a
    return socket(family, type, proto, a.fileno), socket(family, type, proto, b.fileno)
