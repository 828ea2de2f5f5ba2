# Run once per interpreter by stdlib.rs, with two native functions in its globals:
# find(name) -> None, or whether the bundled module is a package; exec_module(module).
import sys
from _frozen_importlib import FrozenImporter, ModuleSpec


# Modules that `_sandpiper_threads` (crates/engine/lib) adapts to a build with one thread.
THREAD_MODULES = ("threading", "concurrent.futures.thread")


class StdlibBundleFinder:
    """Standard library modules outside the frozen core, loaded from their bundle."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        package = find(fullname)
        if package is None:
            return None
        return ModuleSpec(fullname, cls, origin="stdlib bundle", is_package=package)

    @staticmethod
    def create_module(spec):
        return None

    @staticmethod
    def exec_module(module):
        if module.__name__ not in THREAD_MODULES:
            return exec_module(module)
        import _sandpiper_threads

        exec_module(module)
        _sandpiper_threads.after_loading(module)


sys.meta_path.insert(sys.meta_path.index(FrozenImporter) + 1, StdlibBundleFinder)
