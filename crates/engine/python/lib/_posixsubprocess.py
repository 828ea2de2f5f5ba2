"""Sandpiper programs cannot start processes: `subprocess` imports, and running one raises."""


def fork_exec(*args, **kwargs):
    raise OSError("subprocess is not available: Sandpiper programs cannot start processes")
