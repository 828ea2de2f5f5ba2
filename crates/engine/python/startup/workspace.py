# The student's workspace: the files of the program's folder (the home folder of the
# in-memory file system), given by the page (or the command line) before a run and reported
# back after it, and `import helper` finding helper.py there, as CPython finds modules next
# to main.py. Run in sandbox_fs.py's namespace, whose `_files`, `_dirs` and `HOME` it uses.
import sys
from _frozen_importlib import FrozenImporter, ModuleSpec

_PREFIX = HOME + "/"
# The workspace's files as last given or reported ({absolute path: bytes}); None while no
# workspace was given (the folder is then the program's alone).
_known = None


def sync_workspace(files):
    """The home folder holds `files` ((name, text) pairs, names relative to it) and nothing
    else; the workspace's modules are imported afresh."""
    global _known
    paths = [_path.normpath(_path.join(HOME, name)) for name, _ in files]
    for (name, _), path in zip(files, paths):
        if not name or not path.startswith(_PREFIX):
            raise ValueError(f"{name!r} is not the name of a file in the program's folder")
    for path in [path for path in _files if path.startswith(_PREFIX)]:
        del _files[path]
    for folder in [folder for folder in _dirs if folder.startswith(_PREFIX)]:
        _dirs.discard(folder)
    _dirs.add(HOME)
    _known = {}
    for (_, text), path in zip(files, paths):
        folder = _path.dirname(path)
        while folder not in _dirs:
            _dirs.add(folder)
            folder = _path.dirname(folder)
        data = text.encode("utf-8")
        _files[path] = bytearray(data)
        _known[path] = data
    for name in WorkspaceFinder.loaded:
        sys.modules.pop(name, None)
    WorkspaceFinder.loaded.clear()


def workspace_changes():
    """([(name, text)] of the files written since the last sync or report, [name] of those
    removed), or None without a workspace. Files that are not UTF-8 text are left out."""
    global _known
    if _known is None:
        return None
    now = {path: bytes(data) for path, data in _files.items() if path.startswith(_PREFIX)}
    written = []
    for path, data in now.items():
        if _known.get(path) != data:
            try:
                written.append((path[len(_PREFIX):], data.decode("utf-8")))
            except UnicodeDecodeError:
                pass
    removed = [path[len(_PREFIX):] for path in _known if path not in now]
    _known = now
    return sorted(written), sorted(removed)


class WorkspaceFinder:
    """Modules and packages of the home folder, found before the standard library's (a
    student's `random.py` hides `random`, as in CPython), after the frozen core."""

    loaded = set()

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        relative = fullname.replace(".", "/")
        for candidate, package in ((relative + "/__init__.py", True), (relative + ".py", False)):
            if _PREFIX + candidate in _files:
                spec = ModuleSpec(fullname, cls, origin=candidate, is_package=package)
                spec.has_location = True
                if package:
                    spec.submodule_search_locations = [_PREFIX + relative]
                return spec
        return None

    @staticmethod
    def create_module(spec):
        return None

    @classmethod
    def exec_module(cls, module):
        import linecache

        filename = module.__spec__.origin
        source = bytes(_files[_PREFIX + filename]).decode("utf-8")
        # Tracebacks show its lines, named as the student names the file.
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        cls.loaded.add(module.__name__)
        exec(compile(source, filename, "exec"), module.__dict__)


sys.meta_path.insert(sys.meta_path.index(FrozenImporter) + 1, WorkspaceFinder)
