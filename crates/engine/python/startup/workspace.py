# The student's workspace: the files of the program's folder (the home folder of the
# in-memory file system), given by the page (or the command line) before a run and reported
# back after it, and `import helper` finding helper.py there, as CPython finds modules next
# to main.py. Run in sandbox_fs.py's namespace, whose `_files`, `_dirs` and `HOME` it uses.
import sys
from _frozen_importlib import FrozenImporter, ModuleSpec, _call_with_frames_removed

_PREFIX = HOME + "/"
# The workspace's files as last given or reported ({absolute path: bytes}); None while no
# workspace was given (the folder is then the program's alone).
_known = None


def sync_workspace(files, fresh_modules=True):
    """The home folder holds `files` ((name, text) pairs, names relative to it) and nothing
    else; with `fresh_modules` (a run, not a REPL entry) the workspace's modules are
    imported afresh."""
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
    if fresh_modules:
        for name in WorkspaceFinder.loaded:
            sys.modules.pop(name, None)
        WorkspaceFinder.loaded.clear()


def workspace_changes():
    """The files written since the last sync or report, and those removed, as the JSON of
    the engine's `FileChanges`; None without a workspace. Files that are not UTF-8 text are
    left out."""
    global _known
    if _known is None:
        return None
    import json

    now = {path: bytes(data) for path, data in _files.items() if path.startswith(_PREFIX)}
    written = []
    for path, data in sorted(now.items()):
        if _known.get(path) != data:
            try:
                written.append({"name": path[len(_PREFIX):], "text": data.decode("utf-8")})
            except UnicodeDecodeError:
                pass
    removed = sorted(path[len(_PREFIX):] for path in _known if path not in now)
    _known = now
    return json.dumps({"written": written, "removed": removed})


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
                if package:
                    spec.submodule_search_locations = [_PREFIX + relative]
                return spec
        return None

    @staticmethod
    def create_module(spec):
        return None


def _source_of(filename):
    """The module's source; its lines are remembered for tracebacks."""
    import linecache

    source = bytes(_files[_PREFIX + filename]).decode("utf-8")
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    return source


# The loader's `exec_module`, compiled as importlib's own code: an error in the module then
# shows no frame of the import system, as in CPython, which leaves out the frames up to
# `_call_with_frames_removed` (so does RustPython, for frames of importlib's file name).
# `__file__` is set here: a spec with a location would ask for a bytecode cache path, which
# RustPython cannot make.
_loader = {
    "_call_with_frames_removed": _call_with_frames_removed,
    "_source_of": _source_of,
    "_loaded": WorkspaceFinder.loaded,
}
exec(compile("""
def exec_module(module):
    _loaded.add(module.__name__)
    filename = module.__spec__.origin
    module.__file__ = filename
    code = _call_with_frames_removed(compile, _source_of(filename), filename, "exec")
    _call_with_frames_removed(exec, code, module.__dict__)
""", "<frozen importlib._bootstrap>", "exec"), _loader)
WorkspaceFinder.exec_module = staticmethod(_loader["exec_module"])

sys.meta_path.insert(sys.meta_path.index(FrozenImporter) + 1, WorkspaceFinder)
