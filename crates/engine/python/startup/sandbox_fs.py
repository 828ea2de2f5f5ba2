# An in-memory file system for programs: `open()`, and the `os` calls that work on files
# and folders, over dictionaries that live as long as the session. Nothing here reaches
# the computer's own files. Errors are the ones CPython raises, in its words.
import io as _io
import stat as _stat
import posixpath as _path

HOME = "/home/student"

# Linux's numbers, as CPython uses them (the `errno` module is empty on wasm).
class _errno:
    ENOENT, EBADF, EBUSY, EEXIST, ENOTDIR, EISDIR, EINVAL, ENOTEMPTY = 2, 9, 16, 17, 20, 21, 22, 39


def _strerror(code):
    """Linux's words for `code`, as CPython prints them; the table is `_sandpiper_errno`, in
    the warm bundle (an error is rare, start-up is every time)."""
    try:
        from _sandpiper_errno import MESSAGES
    except ImportError:  # the warm bundle could not be had: Linux's words for any code
        return f"Unknown error {code}"
    return MESSAGES[code]


_files = {}  # absolute path -> bytearray
_dirs = {"/", "/home", HOME}
_cwd = HOME


def reset_working_directory():
    """Each run starts in the home folder; the files stay."""
    global _cwd
    _cwd = HOME if HOME in _dirs else "/"


def _error(code, path, other=None):
    cls = {
        _errno.ENOENT: FileNotFoundError,
        _errno.EEXIST: FileExistsError,
        _errno.EISDIR: IsADirectoryError,
        _errno.ENOTDIR: NotADirectoryError,
    }.get(code, OSError)
    if other is None:
        return cls(code, _strerror(code), path)
    return cls(code, _strerror(code), path, None, other)


def _fspath(path, allow_fd=False):
    import os

    if isinstance(path, int) and not isinstance(path, bool) and allow_fd:
        raise OSError(_errno.EBADF, _strerror(_errno.EBADF))
    path = os.fspath(path)
    if isinstance(path, bytes):
        path = path.decode("utf-8", "surrogateescape")
    if "\0" in path:
        raise ValueError("embedded null byte")
    return path


def _absolute(path):
    return _path.normpath(_path.join(_cwd, path))


def _missing(absolute, shown, other=None):
    """The error for a path that names nothing: a file on the way is not a folder."""
    folder = _path.dirname(absolute)
    while folder != "/" and folder not in _files:
        folder = _path.dirname(folder)
    code = _errno.ENOTDIR if folder in _files else _errno.ENOENT
    return _error(code, shown, other)


def _parent_folder(absolute, shown):
    """Raises unless the folder that would hold `absolute` exists."""
    if _path.dirname(absolute) not in _dirs:
        raise _missing(absolute, shown)


class _MemoryFile(_io.RawIOBase):
    """The raw layer under the buffered and text layers `open()` stacks, as CPython's
    FileIO is: reads and writes go straight to the file's bytearray."""

    def __init__(self, data, name, mode, readable, writable, append):
        self._data = data
        self._readable = readable
        self._writable = writable
        self._append = append
        self._position = len(data) if append else 0
        self.name = name
        self.mode = mode

    def readable(self):
        self._checkClosed()
        return self._readable

    def writable(self):
        self._checkClosed()
        return self._writable

    def seekable(self):
        self._checkClosed()
        return True

    def isatty(self):
        self._checkClosed()
        return False

    def fileno(self):
        raise _io.UnsupportedOperation("fileno")

    def readinto(self, buffer):
        self._checkClosed()
        if not self._readable:
            raise _io.UnsupportedOperation("File not open for reading")
        view = memoryview(buffer).cast("B")
        chunk = self._data[self._position:self._position + len(view)]
        view[:len(chunk)] = chunk
        self._position += len(chunk)
        return len(chunk)

    def readall(self):
        self._checkClosed()
        if not self._readable:
            raise _io.UnsupportedOperation("File not open for reading")
        chunk = bytes(self._data[self._position:])
        self._position += len(chunk)
        return chunk

    def write(self, buffer):
        self._checkClosed()
        if not self._writable:
            raise _io.UnsupportedOperation("File not open for writing")
        chunk = bytes(buffer)
        if self._append:
            self._position = len(self._data)
        end = self._position + len(chunk)
        if self._position > len(self._data):
            self._data.extend(bytes(self._position - len(self._data)))
        self._data[self._position:end] = chunk
        self._position = end
        return len(chunk)

    def seek(self, offset, whence=0):
        self._checkClosed()
        if whence == 0:
            position = offset
        elif whence == 1:
            position = self._position + offset
        elif whence == 2:
            position = len(self._data) + offset
        else:
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        if position < 0:
            raise OSError(_errno.EINVAL, _strerror(_errno.EINVAL))
        self._position = position
        return position

    def tell(self):
        self._checkClosed()
        return self._position

    def truncate(self, size=None):
        self._checkClosed()
        if not self._writable:
            raise _io.UnsupportedOperation("File not open for writing")
        size = self._position if size is None else size
        if size < len(self._data):
            del self._data[size:]
        else:
            self._data.extend(bytes(size - len(self._data)))
        return size


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None,
         closefd=True, opener=None):
    """Open a file of the program's in-memory file system."""
    if not isinstance(mode, str):
        raise TypeError(f"open() argument 'mode' must be str, not {type(mode).__name__}")
    modes = set(mode)
    if modes - set("axrwb+t") or len(mode) > len(modes):
        raise ValueError(f"invalid mode: '{mode}'")
    creating, reading, writing, appending = "x" in modes, "r" in modes, "w" in modes, "a" in modes
    updating, text, binary = "+" in modes, "t" in modes, "b" in modes
    if text and binary:
        raise ValueError("can't have text and binary mode at once")
    if creating + reading + writing + appending > 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if not (creating or reading or writing or appending):
        raise ValueError("Must have exactly one of create/read/write/append mode "
                         "and at most one plus")
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if binary and buffering == 1:
        import warnings

        warnings.warn("line buffering (buffering=1) isn't supported in binary mode, "
                      "the default buffer size will be used", RuntimeWarning, 2)
    if newline not in (None, "", "\n", "\r", "\r\n"):
        raise ValueError(f"illegal newline value: {newline}")
    if opener is not None:
        raise OSError(_errno.EBADF, _strerror(_errno.EBADF))
    name = _fspath(file, allow_fd=True)
    absolute = _absolute(name)
    if absolute in _dirs:
        raise _error(_errno.EISDIR, name)
    data = _files.get(absolute)
    if data is None:
        if reading:
            raise _missing(absolute, name)
        _parent_folder(absolute, name)
        data = _files[absolute] = bytearray()
    elif creating:
        raise _error(_errno.EEXIST, name)
    elif writing:
        del data[:]

    raw_mode = ("xb" if creating else "rb" if reading else "wb" if writing else "ab")
    if updating:
        raw_mode = raw_mode.replace("b", "+b") if reading else raw_mode[0] + "b+"
    raw = _MemoryFile(data, file, raw_mode, reading or updating,
                      not reading or updating, appending)
    line_buffering = buffering == 1 or (buffering < 0 and raw.isatty())
    if buffering == 0:
        if binary:
            return raw
        raise ValueError("can't have unbuffered text I/O")
    size = buffering if buffering > 1 else _io.DEFAULT_BUFFER_SIZE
    if updating:
        buffered = _io.BufferedRandom(raw, size)
    elif reading:
        buffered = _io.BufferedReader(raw, size)
    else:
        buffered = _io.BufferedWriter(raw, size)
    if binary:
        return buffered
    wrapper = _io.TextIOWrapper(buffered, encoding or "utf-8", errors, newline, line_buffering)
    wrapper.mode = mode
    return wrapper


class stat_result(tuple):
    """What `os.stat` returns: the fields by index and by name."""

    n_sequence_fields = 10
    _fields = ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size",
               "st_atime", "st_mtime", "st_ctime")

    def __new__(cls, fields):
        return super().__new__(cls, fields)

    def __getattr__(self, name):
        if name in self._fields:
            return self[self._fields.index(name)]
        raise AttributeError(f"'os.stat_result' object has no attribute '{name}'")

    def __repr__(self):
        fields = ", ".join(f"{n}={v!r}" for n, v in zip(self._fields, self))
        return f"os.stat_result({fields})"


def stat(path, *, dir_fd=None, follow_symlinks=True):
    shown = _fspath(path, allow_fd=True)
    absolute = _absolute(shown)
    if absolute in _dirs:
        mode, size = _stat.S_IFDIR | 0o755, 4096
    elif absolute in _files:
        mode, size = _stat.S_IFREG | 0o644, len(_files[absolute])
    else:
        raise _missing(absolute, shown)
    return stat_result((mode, 0, 0, 1, 1000, 1000, size, 0.0, 0.0, 0.0))


def lstat(path, *, dir_fd=None):
    return stat(path)


def getcwd():
    return _cwd


def getcwdb():
    return _cwd.encode()


def chdir(path):
    global _cwd
    shown = _fspath(path, allow_fd=True)
    absolute = _absolute(shown)
    if absolute in _files:
        raise _error(_errno.ENOTDIR, shown)
    if absolute not in _dirs:
        raise _missing(absolute, shown)
    _cwd = absolute


def _children(absolute):
    prefix = absolute.rstrip("/") + "/"
    names = [p[len(prefix):] for p in list(_dirs) + list(_files)
             if p.startswith(prefix) and "/" not in p[len(prefix):] and p != prefix]
    return sorted(names)


def listdir(path="."):
    shown = _fspath(path, allow_fd=True)
    absolute = _absolute(shown)
    if absolute in _files:
        raise _error(_errno.ENOTDIR, shown)
    if absolute not in _dirs:
        raise _missing(absolute, shown)
    names = _children(absolute)
    if isinstance(path, bytes):
        return [n.encode() for n in names]
    return names


class DirEntry:
    """One entry of `os.scandir`."""

    def __init__(self, folder, name):
        self.name = name
        self.path = _path.join(folder, name)
        self._absolute = _absolute(self.path)

    def is_dir(self, *, follow_symlinks=True):
        return self._absolute in _dirs

    def is_file(self, *, follow_symlinks=True):
        return self._absolute in _files

    def is_symlink(self):
        return False

    def is_junction(self):
        return False

    def stat(self, *, follow_symlinks=True):
        return stat(self.path)

    def inode(self):
        return 0

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return f"<DirEntry {self.name!r}>"


class _ScandirIterator:
    def __init__(self, entries):
        self._entries = iter(entries)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._entries)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        self._entries = iter(())


def scandir(path="."):
    folder = _fspath(path, allow_fd=True)
    return _ScandirIterator([DirEntry(folder, name) for name in listdir(folder)])


def mkdir(path, mode=0o777, *, dir_fd=None):
    shown = _fspath(path, allow_fd=True)
    absolute = _absolute(shown)
    if absolute in _dirs or absolute in _files:
        raise _error(_errno.EEXIST, shown)
    _parent_folder(absolute, shown)
    _dirs.add(absolute)


def makedirs(name, mode=0o777, exist_ok=False):
    shown = _fspath(name)
    absolute = _absolute(shown)
    if absolute in _dirs:
        if exist_ok:
            return
        raise _error(_errno.EEXIST, shown)
    parent = _path.dirname(absolute)
    if parent not in _dirs:
        makedirs(parent, mode, exist_ok=True)
    mkdir(absolute, mode)


def rmdir(path, *, dir_fd=None):
    shown = _fspath(path, allow_fd=True)
    absolute = _absolute(shown)
    if absolute in _files:
        raise _error(_errno.ENOTDIR, shown)
    if absolute not in _dirs:
        raise _missing(absolute, shown)
    if _children(absolute):
        raise _error(_errno.ENOTEMPTY, shown)
    if absolute in ("/", _cwd):
        raise _error(_errno.EBUSY, shown)
    _dirs.discard(absolute)


def removedirs(name):
    rmdir(name)
    head, tail = _path.split(_fspath(name))
    if not tail:
        head, tail = _path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = _path.split(head)


def remove(path, *, dir_fd=None):
    shown = _fspath(path, allow_fd=True)
    absolute = _absolute(shown)
    if absolute in _dirs:
        raise _error(_errno.EISDIR, shown)
    if absolute not in _files:
        raise _missing(absolute, shown)
    del _files[absolute]


unlink = remove


def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    shown, shown_dst = _fspath(src), _fspath(dst)
    source, target = _absolute(shown), _absolute(shown_dst)
    if source not in _files and source not in _dirs:
        raise _missing(source, shown, shown_dst)
    try:
        _parent_folder(target, shown)
    except OSError as exc:
        raise _error(exc.errno, shown, shown_dst) from None
    if source == target:
        return
    if source in _files:
        if target in _dirs:
            raise _error(_errno.EISDIR, shown, shown_dst)
        _files[target] = _files.pop(source)
        return
    if target in _files:
        raise _error(_errno.ENOTDIR, shown, shown_dst)
    if target in _dirs and _children(target):
        raise _error(_errno.ENOTEMPTY, shown, shown_dst)
    if (target + "/").startswith(source + "/"):
        raise _error(_errno.EINVAL, shown, shown_dst)
    prefix = source + "/"
    for table in (_files, _dirs):
        inside = [p for p in table if p == source or p.startswith(prefix)]
        for p in inside:
            moved = target + p[len(source):]
            if isinstance(table, dict):
                table[moved] = table.pop(p)
            else:
                table.discard(p)
                table.add(moved)


replace = rename


def walk(top, topdown=True, onerror=None, followlinks=False):
    top = _fspath(top)
    try:
        names = listdir(top)
    except OSError as error:
        if onerror is not None:
            onerror(error)
        return
    folders = [n for n in names if _absolute(_path.join(top, n)) in _dirs]
    files = [n for n in names if n not in folders]
    if topdown:
        yield top, folders, files
    for name in folders:
        yield from walk(_path.join(top, name), topdown, onerror, followlinks)
    if not topdown:
        yield top, folders, files


# What the `os` module gets from here.
OS_NAMES = ["stat_result", "stat", "lstat", "getcwd", "getcwdb", "chdir", "listdir",
            "DirEntry", "scandir", "mkdir", "makedirs", "rmdir", "removedirs", "remove",
            "unlink", "rename", "replace", "walk"]
