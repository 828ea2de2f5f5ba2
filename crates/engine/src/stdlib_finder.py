# Run once per interpreter by stdlib.rs, with two native functions in its globals:
# find(name) -> None, or whether the bundled module is a package; exec_module(module);
# and after_loading, the changes some modules need once they have run (one_thread.py).
import sys
from _frozen_importlib import FrozenImporter, ModuleSpec


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
        exec_module(module)
        change = after_loading.get(module.__name__)
        if change is not None:
            change(module)


sys.meta_path.insert(sys.meta_path.index(FrozenImporter) + 1, StdlibBundleFinder)
