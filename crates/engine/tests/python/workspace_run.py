# CPython's side of the workspace tests (workspace.rs): `FILES` ((name, text) pairs) written
# into the empty folder, then `PROGRAM` run there as `python3 main.py` runs it. After a NUL,
# as JSON: what it printed, its traceback, and the folder's files at the end. The folder's
# path is left out of both (`__file__`, tracebacks), as the engine names files relative to it.
import io
import json
import linecache
import os
import sys
import traceback

for name, text in FILES:
    if os.path.dirname(name):
        os.makedirs(os.path.dirname(name), exist_ok=True)
    with open(name, "w", encoding="utf-8") as file:
        file.write(text)
with open("main.py", "w", encoding="utf-8") as file:
    file.write(PROGRAM)
sys.path.insert(0, os.getcwd())
# A fresh `python3 main.py` has not imported the standard modules the files are named like.
shadowed = {}
for name, _ in FILES:
    module = name.split("/")[0].removesuffix(".py")
    if module in sys.modules:
        shadowed[module] = sys.modules.pop(module)
linecache.cache["main.py"] = (len(PROGRAM), None, PROGRAM.splitlines(True), "main.py")
out, err = io.StringIO(), io.StringIO()
real_streams = sys.stdout, sys.stderr
sys.stdout, sys.stderr = out, err
try:
    exec(compile(PROGRAM, "main.py", "exec"), {"__name__": "__main__", "__file__": "main.py"})
except BaseException as error:
    traceback.print_exception(type(error), error, error.__traceback__.tb_next)
sys.stdout, sys.stderr = real_streams
sys.modules.update(shadowed)
folder = os.getcwd() + "/"
files = {}
for root, _, names in os.walk("."):
    for name in names:
        path = os.path.normpath(os.path.join(root, name))
        if path != "main.py" and "__pycache__" not in path:
            with open(path, encoding="utf-8") as file:
                files[path] = file.read()
print("\0" + json.dumps({
    "stdout": out.getvalue().replace(folder, ""),
    "stderr": err.getvalue().replace(folder, ""),
    "files": files,
}))
